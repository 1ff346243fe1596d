/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Stochastic rounding is a pure function of (seed, step, site, element index): the same key gives
 * identical bits, and changing the seed, the step or the site gives independent draws. Every input
 * sits exactly halfway between its neighbours, so two independent draws disagree on an element with
 * probability 1/2: over N elements the count of disagreements is Binomial(N, 1/2), checked within 5
 * sigma.
 */
class StochasticRoundingReplaysFromItsKeyTest {

    private static final int N = 1000;

    static Stream<Arguments> formats() {
        // Halfway points: fixed(12,6) step 2^-6; E5M2 in [1, 2) step 0.25; bfp(8, tile:100) with
        // each tile's max 1.0 (s = 6, step 2^-6) placed first.
        float[] fixed = new float[N];
        float[] fp = new float[N];
        float[] bfp = new float[N];
        for (int i = 0; i < N; i++) {
            fixed[i] = (float) ((i % 100 + 0.5) / 64.0) * (i % 2 == 0 ? 1 : -1);
            fp[i] = (float) (1.0 + (i % 4 + 0.5) * 0.25) * (i % 3 == 0 ? -1 : 1);
            bfp[i] = i % 100 == 0 ? 1.0f : (float) ((i % 60 + 0.5) / 64.0);
        }
        return Stream.of(
                Arguments.of(new FixedPoint(12, 6), fixed),
                Arguments.of(FloatingPoint.FP8_E5M2, fp),
                Arguments.of(new BlockFloatingPoint(8, new Block.Tile(100)), bfp));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void sameKeyGivesIdenticalBitsAndAnyOtherKeyGivesIndependentBits(
            NumberFormat format, float[] input) {
        int[] base = quantizeBits(format, input, CounterRng.key(7, 100, 3));
        assertArrayEquals(base, quantizeBits(format, input, CounterRng.key(7, 100, 3)));
        int halfway = 0;
        for (int i = 0; i < N; i++) {
            halfway += (format instanceof BlockFloatingPoint && i % 100 == 0) ? 0 : 1;
        }
        assertIndependent(
                format, "seed", base, quantizeBits(format, input, key(8, 100, 3)), halfway);
        assertIndependent(
                format, "step", base, quantizeBits(format, input, key(7, 101, 3)), halfway);
        assertIndependent(
                format, "site", base, quantizeBits(format, input, key(7, 100, 4)), halfway);
    }

    private static long key(long seed, long step, long site) {
        return CounterRng.key(seed, step, site);
    }

    private static void assertIndependent(
            NumberFormat format, String changed, int[] a, int[] b, int halfway) {
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        double mean = halfway / 2.0;
        double bound = 5 * Math.sqrt(halfway / 4.0);
        assertTrue(
                Math.abs(differ - mean) <= bound,
                format
                        + ": changing the "
                        + changed
                        + " changed "
                        + differ
                        + " of "
                        + halfway
                        + " halfway elements, expected "
                        + mean
                        + " +- "
                        + bound);
    }

    private static int[] quantizeBits(NumberFormat format, float[] input, long key) {
        float[] data = input.clone();
        ScalarQuantizer.quantize(
                data, new long[] {data.length}, new Precision(format, Rounding.STOCHASTIC), key);
        int[] bits = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            bits[i] = Float.floatToRawIntBits(data[i]);
        }
        return bits;
    }
}
