/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The key space is the function its javadoc defines. The FNV-1a values of {@code ""}, {@code "a"}
 * and {@code "foobar"} are the published test vectors of the FNV reference (Fowler, Noll, Vo); the
 * other expected values were computed independently, outside Java, with unbounded integers reduced
 * modulo 2^64, from the definition alone.
 */
class StreamKeysTest {

    @Test
    void nameHashIsFnv1a64OfUtf8() {
        assertEquals(0xCBF29CE484222325L, StreamKeys.nameHash(""));
        assertEquals(0xAF63DC4C8601EC8CL, StreamKeys.nameHash("a"));
        assertEquals(0x85944171F73967E8L, StreamKeys.nameHash("foobar"));
        assertEquals(0xCB8CCD531F9648E7L, StreamKeys.nameHash("01Conv2d_weight"));
        assertEquals(0x08985D07B541DA0EL, StreamKeys.nameHash("fc"));
    }

    @Test
    void keysMatchHandDerivedValues() {
        // mix64(nameHash("fc")) = 0x326E96667640ADA8; ERROR has id 4, so + 64.
        assertEquals(
                0x326E96667640ADE8L,
                StreamKeys.streamId(0x08985D07B541DA0EL, RandomStream.ERROR, 0));
        assertEquals(0x87D16359EC052527L, StreamKeys.key(42, 7, "fc", RandomStream.ERROR));
        // mix64(nameHash("01Conv2d_weight")) = 0x46410302D7F4BDC8; OPTIMIZER_STATE 8, part 1.
        assertEquals(
                0xD57AB373D648CE94L,
                StreamKeys.key(0, 3, "01Conv2d_weight", RandomStream.OPTIMIZER_STATE, 1));
    }

    @Test
    void streamIdsAreFixed() {
        // Part of the replay contract: changing one changes every stochastic result.
        int[] expected = {1, 2, 3, 4, 5, 6, 7, 8};
        RandomStream[] streams = {
            RandomStream.WEIGHT,
            RandomStream.ACTIVATION,
            RandomStream.OUTPUT,
            RandomStream.ERROR,
            RandomStream.WEIGHT_GRADIENT,
            RandomStream.MASTER_CREATION,
            RandomStream.MASTER_UPDATE,
            RandomStream.OPTIMIZER_STATE
        };
        assertEquals(RandomStream.values().length, streams.length);
        for (int i = 0; i < streams.length; i++) {
            assertEquals(expected[i], streams[i].id(), streams[i].name());
        }
    }

    @Test
    void distinctNamesStreamsPartsAndStepsGiveDistinctKeys() {
        List<String> names =
                List.of(
                        "",
                        "a",
                        "b",
                        "fc",
                        "fc1",
                        "fc2",
                        "01Conv2d",
                        "01Conv2d_weight",
                        "01Conv2d_bias",
                        "conv",
                        "\u0142");
        Set<Long> keys = new HashSet<>();
        int count = 0;
        for (String name : names) {
            for (RandomStream stream : RandomStream.values()) {
                for (int part = 0; part < 3; part++) {
                    for (long step = 0; step < 4; step++) {
                        keys.add(StreamKeys.key(7, step, name, stream, part));
                        count++;
                    }
                }
            }
        }
        assertEquals(count, keys.size());
    }

    @Test
    void keysAreDeterministic() {
        for (RandomStream stream : RandomStream.values()) {
            long a = StreamKeys.key(5, 9, "layer.3", stream, 2);
            assertEquals(a, StreamKeys.key(5, 9, "layer.3", stream, 2));
            assertEquals(a, StreamKeys.key(5, 9, StreamKeys.nameHash("layer.3"), stream, 2));
        }
        assertEquals(
                StreamKeys.key(1, 2, "x", RandomStream.WEIGHT),
                StreamKeys.key(1, 2, "x", RandomStream.WEIGHT, 0));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> StreamKeys.nameHash(null));
        assertThrows(
                IllegalArgumentException.class,
                () -> StreamKeys.key(0, 0, "x", RandomStream.OPTIMIZER_STATE, 16));
        assertThrows(
                IllegalArgumentException.class,
                () -> StreamKeys.key(0, 0, "x", RandomStream.OPTIMIZER_STATE, -1));
    }
}
