/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import io.github.muppetdjl.scaling.LossScalerState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a checkpoint file, fully in memory, so that it can be validated before anything is
 * applied.
 *
 * @param info epoch, step, seed and recipe
 * @param scaler the loss scaler's state
 * @param controllerState the precision controller's state
 * @param optimizerState the optimizer wrapper's state, or {@code null} if none was wrapped
 * @param parameters the model's parameters in {@code block.getParameters()} order
 */
record CheckpointContents(
        CheckpointInfo info,
        LossScalerState scaler,
        byte[] controllerState,
        byte[] optimizerState,
        List<ParameterData> parameters) {

    /**
     * One parameter.
     *
     * @param name its key in {@code block.getParameters()}
     * @param shape its shape
     * @param values its FLOAT32 values
     */
    record ParameterData(String name, long[] shape, float[] values) {}

    /** Writes the body (format version 2). */
    byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(info.epoch());
        out.writeLong(info.step());
        out.writeLong(info.seed());
        writeBlob(out, info.recipe().getBytes(StandardCharsets.UTF_8));
        out.writeFloat(scaler.scale());
        out.writeLong(scaler.cleanSteps());
        out.writeFloat(scaler.floor());
        out.writeDouble(scaler.bestLoss());
        out.writeInt(scaler.epochsSinceBest());
        writeBlob(out, controllerState);
        out.writeBoolean(optimizerState != null);
        if (optimizerState != null) {
            writeBlob(out, optimizerState);
        }
        out.writeInt(parameters.size());
        for (ParameterData p : parameters) {
            out.writeUTF(p.name());
            out.writeInt(p.shape().length);
            for (long d : p.shape()) {
                out.writeLong(d);
            }
            out.writeInt(p.values().length);
            for (float v : p.values()) {
                out.writeFloat(v);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Reads a body written by {@link #encode()}; the caller has checked length and CRC.
     *
     * @param body the bytes
     * @param formatVersion the version from the header
     * @return the contents
     * @throws IOException if the body is malformed
     * @throws IllegalArgumentException if a value is out of range
     */
    static CheckpointContents decode(byte[] body, int formatVersion) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int epoch = in.readInt();
        long step = in.readLong();
        long seed = in.readLong();
        String recipe = new String(readBlob(in, body.length), StandardCharsets.UTF_8);
        LossScalerState scaler =
                new LossScalerState(
                        in.readFloat(),
                        in.readLong(),
                        in.readFloat(),
                        in.readDouble(),
                        in.readInt());
        byte[] controller = readBlob(in, body.length);
        byte[] optimizer = in.readBoolean() ? readBlob(in, body.length) : null;
        int count = in.readInt();
        if (count < 0 || count > body.length) {
            throw new IOException("parameter count " + count + " is impossible");
        }
        List<ParameterData> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int ndim = in.readInt();
            if (ndim < 0 || ndim > 32) {
                throw new IOException("parameter " + name + " has " + ndim + " dimensions");
            }
            long[] shape = new long[ndim];
            long size = 1;
            for (int d = 0; d < ndim; d++) {
                shape[d] = in.readLong();
                size *= shape[d];
            }
            int n = in.readInt();
            if (n != size || n < 0 || (long) n * Float.BYTES > body.length) {
                throw new IOException("parameter " + name + " has " + n + " values for its shape");
            }
            float[] values = new float[n];
            for (int j = 0; j < n; j++) {
                values[j] = in.readFloat();
            }
            parameters.add(new ParameterData(name, shape, values));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected trailing bytes");
        }
        return new CheckpointContents(
                new CheckpointInfo(formatVersion, epoch, step, seed, recipe),
                scaler,
                controller,
                optimizer,
                List.copyOf(parameters));
    }

    private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        out.writeInt(blob.length);
        out.write(blob);
    }

    private static byte[] readBlob(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException("section length " + n + " is impossible");
        }
        byte[] blob = new byte[n];
        in.readFully(blob);
        return blob;
    }
}
