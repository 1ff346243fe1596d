/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The vector kernel's block loops ({@link VectorBlockStochastic}, {@link VectorBlockDirect})
 * against the scalar kernel, bit for bit and count for count, on blocks built to reach every corner
 * of a scaled grid: values just under the block's limit (which round up to {@code 2^(w-1)} and
 * saturate when positive), values far below the grid step (which underflow, or survive with
 * probability {@code 2^-24} under stochastic rounding once the scale is below 1), subnormal inputs
 * and outputs, and signed zeros, with row-major and channels-last keys.
 */
class BlockLoopsMatchScalarTest {

    private static final int N = 3 * VectorStage.STAGE + 37;

    /** Finite values with {@code |x| * 2^s < 2^(w-1)}, the invariant of a scaled block. */
    private static float[] block(int s, int w, long seed) {
        Random r = new Random(seed);
        double limit = Math.scalb(1.0, w - 1 - s);
        float[] v = new float[N];
        for (int i = 0; i < N; i++) {
            double f =
                    switch (i % 6) {
                        case 0 -> r.nextDouble();
                        case 1 -> 1 - Math.scalb(r.nextInt(4) + 1.0, -24);
                        case 2 -> r.nextDouble() * Math.scalb(1.0, -r.nextInt(60));
                        case 3 -> r.nextDouble() * Math.scalb(1.0, -(w + r.nextInt(8)));
                        case 4 -> i % 4 == 0 ? 0 : r.nextGaussian() * 0.2;
                        default -> Math.scalb(1.0, -r.nextInt(w + 2)) * 0.5;
                    };
            float x = (float) (limit * Math.abs(f));
            if (x >= limit) {
                x = Math.nextDown((float) limit);
            }
            v[i] = (r.nextBoolean() ? -1 : 1) * x;
        }
        v[5] = -0f;
        return v;
    }

    @ParameterizedTest(name = "s={0} w={1}")
    @CsvSource({"4,8", "0,8", "-3,8", "20,12", "-100,16", "140,8", "133,12", "-7,24"})
    void blockLoopsEqualScalarKernel(int s, int w) {
        FastKernel vector = KernelLoader.load();
        assertInstanceOf(VectorKernel.class, vector);
        float maxPos = (1 << (w - 1)) - 1;
        float[] data = block(s, w, 31L * s + w);
        long key = CounterRng.key(5, s, w);
        // Row-major, and lane-aligned channels-last layouts (with 16 lanes: 16 channels of 7
        // positions, 48 channels of 3).
        ChannelsLast[] layouts = {
            null,
            new ChannelsLast(VectorKernel.LANES, 7),
            new ChannelsLast(3 * VectorKernel.LANES, 3)
        };
        for (Rounding rounding : Rounding.values()) {
            for (ChannelsLast layout : layouts) {
                // Whole samples only, for a channels-last layout.
                int sample = layout == null ? 1 : layout.channels() * layout.inner();
                int n = N / sample * sample;
                ByteBuffer a = Fixtures.directBuffer(data);
                ByteBuffer b = Fixtures.directBuffer(data);
                ByteBuffer src = Fixtures.directBuffer(data);
                ByteBuffer copy = Fixtures.directBuffer(new float[data.length]);
                long[] ca = new long[3];
                long[] cb = new long[3];
                long[] cc = new long[3];
                vector.quantizeGrid(a, a, 0, n, s, maxPos, true, rounding, key, ca, layout);
                vector.quantizeGrid(src, copy, 0, n, s, maxPos, true, rounding, key, cc, layout);
                ScalarKernel.INSTANCE.quantizeGrid(
                        b, b, 0, n, s, maxPos, true, rounding, key, cb, layout);
                String context = "s=" + s + " w=" + w + " " + rounding + " " + layout;
                for (int i = 0; i < n; i++) {
                    assertEquals(b.getInt(4 * i), a.getInt(4 * i), context + " at " + i);
                    assertEquals(b.getInt(4 * i), copy.getInt(4 * i), context + " copy at " + i);
                    assertEquals(
                            Float.floatToRawIntBits(data[i]),
                            src.getInt(4 * i),
                            context + " source at " + i);
                }
                assertEquals(List.of(cb[0], cb[1], cb[2]), List.of(ca[0], ca[1], ca[2]), context);
                assertEquals(List.of(cb[0], cb[1], cb[2]), List.of(cc[0], cc[1], cc[2]), context);
                if (rounding != Rounding.TOWARD_ZERO) {
                    // The data was built to saturate: check that it did, so the counts are tested.
                    assertTrue(cb[FastKernel.SATURATED] > 0, context);
                }
                assertTrue(cb[FastKernel.UNDERFLOWED] > 0, context);
            }
        }
    }

    @Test
    void underflowedLaneStillRoundsUpWhenItsDrawIsZero() {
        // A key under which some element of a 4096-float tensor draws u24 == 0.
        int n = 4096;
        long key = 0;
        int hit = -1;
        for (long k = 0; hit < 0; k++) {
            key = CounterRng.key(11, k, 3);
            for (int i = 0; i < n && hit < 0; i++) {
                if (CounterRng.uniform24(key, i) == 0) {
                    hit = i;
                }
            }
        }
        // |x| * 2^-3 underflows to 0 in float, yet the reference rounds it up with probability
        // 2^-24: here, exactly at the hit.
        float[] data = new float[n];
        Arrays.fill(data, -3 * Float.MIN_VALUE);
        ByteBuffer a = Fixtures.directBuffer(data);
        ByteBuffer b = Fixtures.directBuffer(data);
        long[] ca = new long[3];
        long[] cb = new long[3];
        KernelLoader.load()
                .quantizeGrid(a, a, 0, n, -3, 127f, true, Rounding.STOCHASTIC, key, ca, null);
        ScalarKernel.INSTANCE.quantizeGrid(
                b, b, 0, n, -3, 127f, true, Rounding.STOCHASTIC, key, cb, null);
        assertEquals(-8f, b.getFloat(4 * hit));
        for (int i = 0; i < n; i++) {
            assertEquals(b.getInt(4 * i), a.getInt(4 * i), "at " + i);
        }
        assertEquals(List.of(cb[0], cb[1], cb[2]), List.of(ca[0], ca[1], ca[2]));
    }
}
