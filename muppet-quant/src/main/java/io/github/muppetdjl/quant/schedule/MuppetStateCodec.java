/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The binary form of a {@link MuppetState}.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): magic {@code int 0x4D505054} ("MPPT"), version
 * {@code byte}, payload length {@code int}, payload, CRC-32 of the payload {@code long}. Version 1
 * payload: the writer's configuration line (UTF), level, violations (int), maxD (double), last
 * epoch (int); the checks (count, then epoch, level (int), D, maxD before, p, T (double), violation
 * flag, count (int), switched flag); the switches (count, then epoch, from level, to level); the
 * sums (count, then name (UTF), samples (int), S1 (double), length (int), S2 (doubles)).
 *
 * <p>The whole record is read and validated before anything is returned, so a caller that restores
 * only what this returns changes nothing on failure.
 */
final class MuppetStateCodec {

    static final int MAGIC = 0x4D505054;
    static final byte VERSION = 1;
    // Far beyond any real state (a 100M-parameter model's S2 is 800 MB): guards corrupt lengths.
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    private MuppetStateCodec() {}

    static void write(DataOutputStream out, String config, MuppetState s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(bytes);
        p.writeUTF(config);
        p.writeInt(s.level());
        p.writeInt(s.violations());
        p.writeDouble(s.maxDiversity());
        p.writeInt(s.lastEpoch());
        p.writeInt(s.checks().size());
        for (DiversityCheck c : s.checks()) {
            p.writeInt(c.epoch());
            p.writeInt(c.level());
            p.writeDouble(c.diversity());
            p.writeDouble(c.maxDiversityBefore());
            p.writeDouble(c.ratio());
            p.writeDouble(c.threshold());
            p.writeBoolean(c.violation());
            p.writeInt(c.violations());
            p.writeBoolean(c.switched());
        }
        p.writeInt(s.switches().size());
        for (SwitchEvent e : s.switches()) {
            p.writeInt(e.epoch());
            p.writeInt(e.fromLevel());
            p.writeInt(e.toLevel());
        }
        p.writeInt(s.sums().size());
        for (TensorSums t : s.sums()) {
            p.writeUTF(t.tensor());
            p.writeInt(t.samples());
            p.writeDouble(t.s1());
            double[] s2 = t.s2();
            p.writeInt(s2.length);
            for (double v : s2) {
                p.writeDouble(v);
            }
        }
        p.flush();
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        out.writeInt(MAGIC);
        out.writeByte(VERSION);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeLong(crc.getValue());
        out.flush();
    }

    static MuppetState read(DataInputStream in, String expectedConfig, PrecisionLadder ladder)
            throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new StreamCorruptedException(
                    String.format(
                            "not a MuPPET state: magic 0x%08X, expected 0x%08X", magic, MAGIC));
        }
        byte version = in.readByte();
        if (version != VERSION) {
            throw new StreamCorruptedException(
                    "unsupported MuPPET state version "
                            + version
                            + "; this build reads "
                            + VERSION);
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new StreamCorruptedException("corrupt MuPPET state: payload length " + length);
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new StreamCorruptedException(
                    "corrupt MuPPET state: truncated payload, "
                            + payload.length
                            + " of "
                            + length
                            + " bytes");
        }
        long stored = in.readLong();
        CRC32 crc = new CRC32();
        crc.update(payload);
        if (crc.getValue() != stored) {
            throw new StreamCorruptedException("corrupt MuPPET state: checksum mismatch");
        }
        try {
            return parse(
                    new DataInputStream(new ByteArrayInputStream(payload)), expectedConfig, ladder);
        } catch (IllegalArgumentException | java.io.EOFException e) {
            throw new StreamCorruptedException("corrupt MuPPET state: " + e.getMessage());
        }
    }

    private static MuppetState parse(
            DataInputStream p, String expectedConfig, PrecisionLadder ladder) throws IOException {
        String config = p.readUTF();
        if (!config.equals(expectedConfig)) {
            throw new IOException(
                    "incompatible MuPPET state: written by "
                            + config
                            + " but this policy is "
                            + expectedConfig);
        }
        int level = p.readInt();
        int violations = p.readInt();
        double maxD = p.readDouble();
        int lastEpoch = p.readInt();
        int nChecks = count(p, 45);
        List<DiversityCheck> checks = new ArrayList<>(nChecks);
        for (int i = 0; i < nChecks; i++) {
            checks.add(
                    new DiversityCheck(
                            p.readInt(),
                            p.readInt(),
                            p.readDouble(),
                            p.readDouble(),
                            p.readDouble(),
                            p.readDouble(),
                            p.readBoolean(),
                            p.readInt(),
                            p.readBoolean()));
        }
        int nSwitches = count(p, 12);
        List<SwitchEvent> switches = new ArrayList<>(nSwitches);
        for (int i = 0; i < nSwitches; i++) {
            int epoch = p.readInt();
            int from = p.readInt();
            int to = p.readInt();
            if (from < 0 || to >= ladder.size()) {
                throw new IllegalArgumentException(
                        "switch levels out of range: " + from + "->" + to);
            }
            switches.add(
                    new SwitchEvent(epoch, from, to, ladder.precision(from), ladder.precision(to)));
        }
        int nSums = count(p, 20);
        List<TensorSums> sums = new ArrayList<>(nSums);
        for (int i = 0; i < nSums; i++) {
            String name = p.readUTF();
            int samples = p.readInt();
            double s1 = p.readDouble();
            int n = count(p, 8);
            double[] s2 = new double[n];
            for (int j = 0; j < n; j++) {
                s2[j] = p.readDouble();
            }
            sums.add(new TensorSums(name, samples, s1, s2));
        }
        if (p.available() != 0) {
            throw new IllegalArgumentException(p.available() + " trailing bytes");
        }
        if (level >= ladder.size()) {
            throw new IllegalArgumentException("level " + level + " beyond ladder " + ladder);
        }
        return new MuppetState(level, violations, maxD, lastEpoch, checks, switches, sums);
    }

    // Reads a count and checks it against the bytes left, so corrupt counts cannot over-allocate.
    private static int count(DataInputStream p, int bytesPerItem) throws IOException {
        int n = p.readInt();
        if (n < 0 || (long) n * bytesPerItem > p.available()) {
            throw new IllegalArgumentException("count " + n + " exceeds the data left");
        }
        return n;
    }
}
