/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.Arrays;

class MuppetStateSaveLoadTest {

    private static final double[] TRACE = {100, 1, 1, 80, 90, 1, 2, 100, 1, 1, 1, 5, 100};

    /** r = 1, patience 2, T = 2 with the default ladder, driven through the accumulator. */
    private static MuppetSwitchingPolicy policy() {
        return MuppetSwitchingPolicyTest.fastPolicy(PrecisionLadder.muppet());
    }

    private static void runEpochs(MuppetSwitchingPolicy p, int from, int to) {
        for (int e = from; e < to; e++) {
            p.onEpochEnd(e, TRACE[e]);
        }
    }

    private static byte[] save(MuppetSwitchingPolicy p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.save(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void load(MuppetSwitchingPolicy p, byte[] data) throws IOException {
        p.load(new DataInputStream(new ByteArrayInputStream(data)));
    }

    /** A policy part-way through: one switch done, a violation counted, sums pending. */
    private static MuppetSwitchingPolicy midway() {
        MuppetSwitchingPolicy p = policy();
        runEpochs(p, 0, 6);
        p.gradientDiversity().accumulate("conv.weight", new float[] {0.5f, -0.25f, 3f});
        p.gradientDiversity().accumulate("fc.bias", new float[] {1e-3f});
        return p;
    }

    @Test
    void roundTripRestoresEverythingAndContinuesIdentically() throws IOException {
        MuppetSwitchingPolicy original = midway();
        assertEquals(1, original.currentLevel());
        assertEquals(1, original.state().violations());
        MuppetSwitchingPolicy resumed = policy();
        load(resumed, save(original));
        assertEquals(original.state(), resumed.state());
        assertEquals(original.currentPolicy(), resumed.currentPolicy());

        runEpochs(original, 6, TRACE.length);
        runEpochs(resumed, 6, TRACE.length);
        assertEquals(original.state(), resumed.state());
        assertEquals(original.switches(), resumed.switches());
        assertTrue(original.switches().size() >= 2);
    }

    @Test
    void unknownVersionIsRejectedWithoutChange() throws IOException {
        byte[] data = save(midway());
        data[4] = 2; // the version byte follows the 4-byte magic
        MuppetSwitchingPolicy target = midway();
        MuppetState before = target.state();
        StreamCorruptedException e =
                assertThrows(StreamCorruptedException.class, () -> load(target, data));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertEquals(before, target.state());
    }

    @Test
    void corruptPayloadIsRejectedWithoutChange() throws IOException {
        byte[] good = save(midway());
        MuppetSwitchingPolicy target = policy();
        runEpochs(target, 0, 2);
        MuppetState before = target.state();
        for (int i = 9; i < good.length - 8; i += 7) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            IOException e = assertThrows(IOException.class, () -> load(target, bad), "byte " + i);
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            assertEquals(before, target.state());
        }
    }

    @Test
    void truncatedOrForeignStreamsAreRejected() throws IOException {
        byte[] good = save(midway());
        MuppetSwitchingPolicy target = policy();
        MuppetState before = target.state();
        for (int len : new int[] {0, 3, 5, 9, good.length / 2, good.length - 1}) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(IOException.class, () -> load(target, cut), "length " + len);
        }
        byte[] foreign = good.clone();
        foreign[0] = 'P';
        IOException e = assertThrows(IOException.class, () -> load(target, foreign));
        assertTrue(e.getMessage().contains("not a MuPPET state"), e.getMessage());
        assertEquals(before, target.state());
    }

    @Test
    void stateFromADifferentConfigurationIsRejected() throws IOException {
        byte[] data = save(midway());
        MuppetSwitchingPolicy other =
                MuppetSwitchingPolicy.builder()
                        .optResolution(1)
                        .optPatience(3)
                        .optThreshold(2, 0, 0)
                        .build();
        IOException e = assertThrows(IOException.class, () -> load(other, data));
        assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
        assertEquals(0, other.currentLevel());
    }

    @Test
    void restoreRejectsAStateBeyondTheLadder() {
        MuppetSwitchingPolicy small =
                MuppetSwitchingPolicyTest.fastPolicy(PrecisionLadder.ofBfp(8));
        MuppetState big = midway().state();
        assertThrows(IllegalArgumentException.class, () -> small.restore(big));
        assertEquals(0, small.currentLevel());
    }
}
