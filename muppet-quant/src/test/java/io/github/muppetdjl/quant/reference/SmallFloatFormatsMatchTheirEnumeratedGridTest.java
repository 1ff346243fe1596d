/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.Specials;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every floating-point format of at most 8 bits (e + m <= 7, m >= 1), with IEEE and FN specials,
 * with and without subnormals and saturation, under all three roundings, agrees with an oracle that
 * knows nothing of exponents and steps: it decodes every code of the format from its bit layout
 * into a sorted grid and rounds by searching that grid (docs/algorithms.md §2.3 and §3).
 *
 * <p>Oracle rules: the two grid neighbours {@code lo <= |x| < hi}; beyond max finite the upper
 * neighbour is the first code past it (IEEE: {@code 2^(emax+1)}, mantissa 0; FN: the NaN code,
 * mantissa all ones). Nearest picks the closer one, ties the one whose code has an even mantissa
 * (in the no-subnormal gap {@code [0, minNormal)} the tie goes to 0, our documented choice);
 * stochastic goes up iff {@code u24 < frac * 2^24} (the rule documented on {@link
 * Rounding#STOCHASTIC}); toward zero takes {@code lo}. Landing past max gives Infinity (IEEE), NaN
 * (FN) or max (saturating; toward zero always).
 */
class SmallFloatFormatsMatchTheirEnumeratedGridTest {

    private static final int SAMPLES = 2500;

    /** The non-negative finite grid of a format, and the first code beyond max. */
    private record Grid(double[] values, boolean[] oddMantissa, double next, boolean nextOdd) {
        double max() {
            return values[values.length - 1];
        }
    }

    private static Grid enumerate(FloatingPoint f) {
        int e = f.exponentBits();
        int m = f.mantissaBits();
        int bias = (1 << (e - 1)) - 1;
        int topField = (1 << e) - 1;
        int allOnes = (1 << m) - 1;
        List<double[]> codes = new ArrayList<>();
        for (int field = 0; field <= topField; field++) {
            for (int mant = 0; mant <= allOnes; mant++) {
                boolean special =
                        f.specials() == Specials.IEEE
                                ? field == topField
                                : field == topField && mant == allOnes;
                if (special || (field == 0 && !f.subnormals() && mant != 0)) {
                    continue;
                }
                double value =
                        field == 0
                                ? mant * Math.scalb(1.0, 1 - bias - m)
                                : (1.0 + mant * Math.scalb(1.0, -m))
                                        * Math.scalb(1.0, field - bias);
                codes.add(new double[] {value, mant & 1});
            }
        }
        codes.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] values = new double[codes.size()];
        boolean[] odd = new boolean[codes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = codes.get(i)[0];
            odd[i] = codes.get(i)[1] == 1;
        }
        boolean ieee = f.specials() == Specials.IEEE;
        double next =
                ieee
                        ? Math.scalb(1.0, topField - bias)
                        : (2.0 - Math.scalb(1.0, -m)) * Math.scalb(1.0, topField - bias);
        return new Grid(values, odd, next, !ieee);
    }

    /** The oracle's result for a finite non-zero x; c[0] counts saturated, c[1] underflowed. */
    private static float oracle(FloatingPoint f, Grid g, float x, Rounding r, int u24, long[] c) {
        double a = Math.abs((double) x);
        if (a >= g.next()) {
            return overflow(f, r, x, g, c); // at or past the first code beyond max
        }
        int i = Arrays.binarySearch(g.values(), a);
        int loIndex = i >= 0 ? i : -i - 2;
        double lo = g.values()[loIndex];
        boolean top = loIndex == g.values().length - 1;
        double hi = top ? g.next() : g.values()[loIndex + 1];
        boolean hiOdd = top ? g.nextOdd() : g.oddMantissa()[loIndex + 1];
        boolean loOdd = g.oddMantissa()[loIndex];
        boolean gap = lo == 0 && !f.subnormals();
        assertTrue(gap || loOdd != hiOdd, f + ": neighbours " + lo + ", " + hi + " share parity");
        boolean up = false;
        if (a != lo) {
            double frac = (a - lo) / (hi - lo); // exact: hi - lo is a power of two
            up =
                    switch (r) {
                        case NEAREST_EVEN -> frac > 0.5 || (frac == 0.5 && loOdd && !gap);
                        case TOWARD_ZERO -> false;
                        case STOCHASTIC -> u24 < frac * 0x1p24;
                    };
        }
        if (up && top) {
            return overflow(f, r, x, g, c);
        }
        double result = up ? hi : lo;
        if (result == 0) {
            c[1]++;
        }
        return (float) Math.copySign(result, x);
    }

    private static float overflow(FloatingPoint f, Rounding r, float x, Grid g, long[] c) {
        c[0]++;
        if (f.saturate() || r == Rounding.TOWARD_ZERO) {
            return (float) Math.copySign(g.max(), x);
        }
        return f.specials() == Specials.IEEE
                ? Math.copySign(Float.POSITIVE_INFINITY, x)
                : Float.NaN;
    }

    /** Inputs: random bit patterns, log-uniform magnitudes, grid points, their neighbours, ties. */
    private static float[] inputs(Grid g, SplittableRandom random) {
        float[] xs = new float[SAMPLES];
        double[] v = g.values();
        for (int n = 0; n < SAMPLES; n++) {
            float x;
            int k = random.nextInt(v.length);
            double point = v[k];
            double following = k + 1 < v.length ? v[k + 1] : g.next();
            switch (n % 5) {
                case 0 -> x = Float.intBitsToFloat(random.nextInt());
                case 1 ->
                        x =
                                (float)
                                        Math.scalb(
                                                1.0 + random.nextDouble(),
                                                random.nextInt(
                                                        Math.getExponent(v[1]) - 3,
                                                        Math.getExponent(g.next()) + 3));
                case 2 -> x = (float) ((point + following) / 2); // exact tie
                case 3 ->
                        x =
                                random.nextBoolean()
                                        ? Math.nextUp((float) following)
                                        : Math.nextDown((float) following);
                default -> x = (float) (point + random.nextDouble() * (following - point));
            }
            if (!Float.isFinite(x) || x == 0) {
                x = (float) g.max();
            }
            xs[n] = random.nextBoolean() ? x : -x;
        }
        return xs;
    }

    @Test
    void everySmallFormatRoundsLikeTheOracleUnderEveryRounding() {
        SplittableRandom random = new SplittableRandom(2026);
        int formats = 0;
        for (Specials specials : Specials.values()) {
            for (int e = 2; e <= 6; e++) {
                for (int m = 1; e + m <= 7; m++) {
                    for (int flags = 0; flags < 4; flags++) {
                        FloatingPoint f =
                                new FloatingPoint(
                                        e, m, (flags & 1) == 0, specials, (flags & 2) != 0);
                        Grid g = enumerate(f);
                        assertEquals(g.max(), f.maxFinite(), 0.0, f + " max");
                        checkFormat(f, g, random);
                        formats++;
                    }
                }
            }
        }
        assertEquals(120, formats);
    }

    /**
     * A uniform integer, half of the time placed exactly at or next to the stochastic decision
     * boundary {@code frac * 2^24}, where an off-by-one in the comparison would show.
     */
    private static int pickU24(Grid g, float x, SplittableRandom random) {
        double a = Math.abs((double) x);
        int i = Arrays.binarySearch(g.values(), a);
        if (random.nextBoolean() || i >= 0 || a >= g.next()) {
            return random.nextInt(1 << 24);
        }
        int loIndex = -i - 2;
        double lo = g.values()[loIndex];
        double hi = loIndex + 1 < g.values().length ? g.values()[loIndex + 1] : g.next();
        long boundary = (long) Math.floor((a - lo) / (hi - lo) * 0x1p24) + random.nextInt(-1, 2);
        return (int) Math.max(0, Math.min((1 << 24) - 1, boundary));
    }

    private static void checkFormat(FloatingPoint f, Grid g, SplittableRandom random) {
        float[] xs = inputs(g, random);
        for (Rounding r : Rounding.values()) {
            long[] want = new long[2];
            ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
            for (float x : xs) {
                int u24 = pickU24(g, x, random);
                float expected = oracle(f, g, x, r, u24, want);
                float actual = ScalarQuantizer.quantize(x, f, r, u24, counts);
                EdgeTable.assertSameValue(
                        expected,
                        actual,
                        f + "/" + r.shortName() + " of " + EdgeTable.describe(x) + " u24=" + u24);
            }
            assertEquals(want[0], counts.toStats().saturated(), f + "/" + r + " saturated");
            assertEquals(want[1], counts.toStats().underflowed(), f + "/" + r + " underflowed");
        }
    }
}
