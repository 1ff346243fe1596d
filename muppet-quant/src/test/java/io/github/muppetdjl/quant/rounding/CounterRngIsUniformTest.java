/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chi-square goodness-of-fit tests of {@link CounterRng#uniform24}: along the element index (one
 * call's stream), along the training step for a fixed element (what stochastic rounding of one
 * value sees over time), in the low bits, and for pairs of elements at several strides.
 *
 * <p>Critical values are the chi-square quantiles at 1e-6 and 1 - 1e-6 for 255 degrees of freedom
 * (256 buckets): 161.65 and 377.08 (scipy.stats.chi2.ppf). Both tails are checked: a statistic that
 * is too small is as suspicious as one too large, since a bare Weyl sequence {@code i * 0x9E3779B9}
 * with no mixing would be far more even than random.
 */
class CounterRngIsUniformTest {

    private static final int BUCKETS = 256;
    private static final int SAMPLES = 1 << 18;
    private static final double LOWER_CRITICAL = 161.65;
    private static final double UPPER_CRITICAL = 377.08;

    @Test
    void topBitsAreUniformAlongTheElementIndex() {
        long key = CounterRng.key(42, 7, 3);
        long[] counts = new long[BUCKETS];
        for (int i = 0; i < SAMPLES; i++) {
            int u = CounterRng.uniform24(key, i);
            assertTrue(u >= 0 && u < (1 << 24), "out of range: " + u);
            counts[u >>> 16]++;
        }
        assertChiSquareWithinBounds(counts, "top 8 bits along index");
    }

    @Test
    void lowBitsAreUniformAlongTheElementIndex() {
        long key = CounterRng.key(1, 0, 0);
        long[] counts = new long[BUCKETS];
        for (int i = 0; i < SAMPLES; i++) {
            counts[CounterRng.uniform24(key, i) & 0xFF]++;
        }
        assertChiSquareWithinBounds(counts, "low 8 bits along index");
    }

    @Test
    void oneElementIsUniformAcrossSteps() {
        long[] counts = new long[BUCKETS];
        for (int step = 0; step < SAMPLES; step++) {
            counts[CounterRng.uniform24(CounterRng.key(2026, step, 5), 17) >>> 16]++;
        }
        assertChiSquareWithinBounds(counts, "index 17 across steps");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1024})
    void pairsOfElementsAreUniformInTheirTopAndLowBits(int stride) {
        // Neighbours along a row (stride 1) and along columns (larger strides) must not be
        // correlated, or stochastic rounding errors would fail to average out within a tensor.
        long key = CounterRng.key(-1, 123456789, stride);
        long[] top = new long[BUCKETS];
        long[] low = new long[BUCKETS];
        for (int i = 0; i < SAMPLES; i++) {
            int a = CounterRng.uniform24(key, i);
            int b = CounterRng.uniform24(key, i + stride);
            top[(a >>> 20) * 16 + (b >>> 20)]++;
            low[(a & 15) * 16 + (b & 15)]++;
        }
        assertChiSquareWithinBounds(top, "pairs (i, i+" + stride + "), top 4 bits each");
        assertChiSquareWithinBounds(low, "pairs (i, i+" + stride + "), low 4 bits each");
    }

    @Test
    void oneElementIsUncorrelatedAcrossConsecutiveSteps() {
        long[] counts = new long[BUCKETS];
        for (int step = 0; step < SAMPLES; step++) {
            int a = CounterRng.uniform24(CounterRng.key(3, step, 1), 5);
            int b = CounterRng.uniform24(CounterRng.key(3, step + 1, 1), 5);
            counts[(a >>> 20) * 16 + (b >>> 20)]++;
        }
        assertChiSquareWithinBounds(counts, "index 5 at steps (t, t+1)");
    }

    private static void assertChiSquareWithinBounds(long[] counts, String what) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double expected = (double) n / counts.length;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(
                chi2 > LOWER_CRITICAL && chi2 < UPPER_CRITICAL,
                what
                        + ": chi-square "
                        + chi2
                        + " outside ("
                        + LOWER_CRITICAL
                        + ", "
                        + UPPER_CRITICAL
                        + ")");
    }
}
