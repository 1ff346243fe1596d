/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stochastic rounding (docs/algorithms.md §3.2) through the reference: every output is one of the
 * two grid neighbours, each element rounds up (in magnitude) with frequency equal to its fractional
 * distance within a 5-sigma binomial bound, and the quantised values are unbiased within a 5-sigma
 * bound.
 *
 * <p>Inputs are built from their neighbours: {@code x = L + (k/64) * (U - L)} with {@code L} and
 * {@code U} consecutive grid points chosen by hand, so the expected probability {@code k/64} does
 * not come from the code under test (and is exact: {@code k/64} is a multiple of {@code 2^-24}).
 * Trials vary the step in {@link CounterRng#key}, as training does.
 */
class StochasticRoundingIsUnbiasedTest {

    private static final int TRIALS = 3000;
    private static final double SIGMAS = 5.0;

    /** One input with its lower- and upper-magnitude neighbours. */
    private record Case(float x, float lower, float upper, double p) {}

    private static Case between(double lower, double upper, int k, boolean negative) {
        double x = lower + (upper - lower) * k / 64.0;
        double sign = negative ? -1 : 1;
        float fx = (float) (sign * x);
        if (fx != sign * x) {
            throw new IllegalStateException("test input not exact in FP32: " + x);
        }
        float lo = lower == 0 ? (negative ? -0f : 0f) : (float) (sign * lower);
        return new Case(fx, lo, (float) (sign * upper), k / 64.0);
    }

    @Test
    void fixedPointRoundsToANeighbourWithProbabilityEqualToTheDistance() {
        // fixed(8,4): step 1/16, interior integers only so neither neighbour saturates.
        Random random = new Random(1);
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            int j = random.nextInt(120);
            int k = n < 4 ? new int[] {1, 32, 63, 0}[n] : 1 + random.nextInt(63);
            cases.add(between(j / 16.0, (j + 1) / 16.0, k, n % 2 == 1));
        }
        checkUnbiased(new FixedPoint(8, 4), cases, List.of());
    }

    @Test
    void floatingPointRoundsToANeighbourWithProbabilityEqualToTheDistance() {
        // E5M2: subnormal step 2^-16 below 2^-14; step 2^(e-2) in the binade [2^e, 2^(e+1)).
        Random random = new Random(2);
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < 48; n++) {
            int k = n < 3 ? new int[] {1, 32, 63}[n] : 1 + random.nextInt(63);
            boolean negative = random.nextBoolean();
            if (n % 4 == 0) {
                int j = random.nextInt(4); // subnormal grid, including the gap [0, 2^-16)
                cases.add(between(j * 0x1p-16, (j + 1) * 0x1p-16, k, negative));
            } else {
                int e = -14 + random.nextInt(30); // binades 2^-14 .. 2^15
                int j = random.nextInt(e == 15 ? 3 : 4); // the top binade stops at 1.75 * 2^15
                double step = Math.scalb(1.0, e - 2);
                double lower = Math.scalb(1.0, e) + j * step;
                cases.add(between(lower, lower + step, k, negative));
            }
        }
        checkUnbiased(FloatingPoint.FP8_E5M2, cases, List.of());
        // BF16: step 2^(e-7); spread over the whole exponent range.
        List<Case> bf16 = new ArrayList<>();
        for (int n = 0; n < 24; n++) {
            int e = -126 + random.nextInt(253);
            double step = Math.scalb(1.0, e - 7);
            double lower = Math.scalb(1.0, e) + random.nextInt(128) * step;
            bf16.add(between(lower, lower + step, 1 + random.nextInt(63), random.nextBoolean()));
        }
        checkUnbiased(FloatingPoint.BF16, bf16, List.of());
    }

    @Test
    void blockFloatingPointRoundsToANeighbourWithProbabilityEqualToTheDistance() {
        // bfp(8): the block max 0.75 fixes s = 7 (0.75 * 2^7 = 96 <= 127.5 < 192), step 2^-7; the
        // max itself is on the grid and stays.
        Random random = new Random(3);
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            int j = random.nextInt(95);
            int k = n < 3 ? new int[] {1, 32, 63}[n] : 1 + random.nextInt(63);
            cases.add(between(j * 0x1p-7, (j + 1) * 0x1p-7, k, random.nextBoolean()));
        }
        checkUnbiased(
                BlockFloatingPoint.perTensor(8), cases, List.of(new Case(0.75f, 0.75f, 0.75f, 0)));
    }

    /**
     * Quantises all cases (plus fixed extras that must not move) over {@link #TRIALS} keys and
     * checks neighbours, per-element frequencies and the overall mean error.
     */
    private static void checkUnbiased(NumberFormat format, List<Case> cases, List<Case> fixed) {
        List<Case> all = new ArrayList<>(fixed);
        all.addAll(cases);
        int n = all.size();
        long[] ups = new long[n];
        double sumError = 0; // sum over trials and elements of (q - x) / (U - L), signed by |x|
        double variance = 0;
        Precision precision = new Precision(format, Rounding.STOCHASTIC);
        float[] data = new float[n];
        for (int t = 0; t < TRIALS; t++) {
            for (int i = 0; i < n; i++) {
                data[i] = all.get(i).x();
            }
            ScalarQuantizer.quantize(data, new long[] {n}, precision, CounterRng.key(9, t, 4));
            for (int i = 0; i < n; i++) {
                Case c = all.get(i);
                boolean up = same(data[i], c.upper()) && !same(c.upper(), c.lower());
                if (!up && !same(data[i], c.lower())) {
                    fail(
                            format + ": " + c.x() + " gave " + data[i] + ", not " + c.lower()
                                    + " or " + c.upper());
                }
                if (up) {
                    ups[i]++;
                }
                double width = Math.abs((double) c.upper() - c.lower());
                if (width > 0) {
                    sumError +=
                            Math.abs((double) data[i]) / width - Math.abs((double) c.x()) / width;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Case c = all.get(i);
            double mean = TRIALS * c.p();
            double bound = SIGMAS * Math.sqrt(TRIALS * c.p() * (1 - c.p()));
            assertTrue(
                    Math.abs(ups[i] - mean) <= bound,
                    format
                            + ": "
                            + c.x()
                            + " rounded up "
                            + ups[i]
                            + " of "
                            + TRIALS
                            + " times, expected "
                            + mean
                            + " +- "
                            + bound);
            variance += TRIALS * c.p() * (1 - c.p());
        }
        double meanBound = SIGMAS * Math.sqrt(variance);
        assertTrue(
                Math.abs(sumError) <= meanBound,
                format + ": total error " + sumError + " steps exceeds " + meanBound);
    }

    private static boolean same(float a, float b) {
        return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
    }
}
