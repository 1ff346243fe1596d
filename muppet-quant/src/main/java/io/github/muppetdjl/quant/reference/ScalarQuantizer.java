/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.FullPrecision;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.format.Specials;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.util.Arrays;

/**
 * The scalar reference quantiser: plain Java, one element at a time, in exact double arithmetic. It
 * defines the library's numerics bit for bit; every fast path is tested against it.
 *
 * <p>Every format reduces to the same step: scale the magnitude onto an integer grid by a power of
 * two ({@code y = |x| * 2^-stepExp}), round {@code y} to an integer {@code m} with the rounding
 * mode ({@link #roundMagnitude}), then apply the format's range and put the sign back. A zero
 * result keeps the sign of its input.
 */
public final class ScalarQuantizer {

    private static final double TWO_POW_24 = 16777216.0;

    /** The first power of two beyond the FP32 range. */
    private static final double TWO_POW_128 = 0x1p128;

    private ScalarQuantizer() {}

    /**
     * Rounds a non-negative grid coordinate to an integer.
     *
     * @param y the magnitude in grid steps, {@code >= 0}
     * @param rounding the rounding mode
     * @param u24 for stochastic rounding, the element's uniform integer in {@code [0, 2^24)}
     * @return {@code floor(y)} or {@code floor(y) + 1}
     */
    public static double roundMagnitude(double y, Rounding rounding, int u24) {
        double lo = Math.floor(y);
        double frac = y - lo;
        boolean up =
                switch (rounding) {
                    case NEAREST_EVEN -> frac > 0.5 || (frac == 0.5 && lo % 2.0 == 1.0);
                    case TOWARD_ZERO -> false;
                    case STOCHASTIC -> u24 < frac * TWO_POW_24;
                };
        return up ? lo + 1.0 : lo;
    }

    /**
     * Quantises one value to fixed point.
     *
     * @param x the value
     * @param format the format
     * @param rounding the rounding mode
     * @param u24 the element's uniform integer (stochastic rounding only)
     * @param counts tally to update
     * @return the quantised value
     */
    public static float quantize(
            float x, FixedPoint format, Rounding rounding, int u24, Counts counts) {
        counts.total++;
        if (Float.isNaN(x)) {
            counts.nonFinite++;
            return x;
        }
        if (Float.isInfinite(x)) {
            counts.nonFinite++;
            long end = x > 0 ? format.maxInteger() : format.minInteger();
            return (float) Math.scalb((double) end, -format.fractionBits());
        }
        return onIntegerGrid(
                x,
                format.fractionBits(),
                format.minInteger(),
                format.maxInteger(),
                rounding,
                u24,
                counts);
    }

    /**
     * Quantises one finite value to integers {@code I * 2^-scaleExp} with {@code I} in {@code
     * [minI, maxI]}: the shared core of fixed point and block floating point.
     *
     * @param x a finite value
     * @param scaleExp the exponent {@code s}; values are {@code I * 2^-s}
     * @param minI the smallest integer
     * @param maxI the largest integer
     * @param rounding the rounding mode
     * @param u24 the element's uniform integer (stochastic rounding only)
     * @param counts tally to update (not its total)
     * @return the quantised value
     */
    static float onIntegerGrid(
            float x,
            int scaleExp,
            long minI,
            long maxI,
            Rounding rounding,
            int u24,
            Counts counts) {
        double m = roundMagnitude(Math.scalb(Math.abs((double) x), scaleExp), rounding, u24);
        double i = x < 0 ? -m : m;
        if (i > maxI) {
            i = maxI;
            counts.saturated++;
        } else if (i < minI) {
            i = minI;
            counts.saturated++;
        }
        if (i == 0) {
            if (x != 0) {
                counts.underflowed++;
            }
            return Math.copySign(0f, x);
        }
        double v = Math.scalb(i, -scaleExp);
        if (Math.abs(v) >= TWO_POW_128) {
            // Our choice: a block whose largest element lies within one grid step of 2^128 can
            // round onto 2^128, which FP32 storage cannot hold. Rather than turn a finite input
            // into Infinity, step one integer back toward zero (the largest grid value FP32 holds)
            // and count it as saturated.
            counts.saturated++;
            double back = i - Math.signum(i);
            // At w = 2 the step back lands on zero, which keeps the input's sign like every zero.
            v = back == 0 ? Math.copySign(0.0, x) : Math.scalb(back, -scaleExp);
        }
        return (float) v;
    }

    /**
     * Quantises one value to a floating-point format (see {@link FloatingPoint} for the edge
     * semantics).
     *
     * @param x the value
     * @param format the format
     * @param rounding the rounding mode
     * @param u24 the element's uniform integer (stochastic rounding only)
     * @param counts tally to update
     * @return the quantised value
     */
    public static float quantize(
            float x, FloatingPoint format, Rounding rounding, int u24, Counts counts) {
        counts.total++;
        float max = format.maxFinite();
        if (Float.isNaN(x)) {
            counts.nonFinite++;
            return x;
        }
        if (Float.isInfinite(x)) {
            counts.nonFinite++;
            if (format.saturate()) {
                return Math.copySign(max, x);
            }
            return format.specials() == Specials.IEEE ? x : Float.NaN;
        }
        double a = Math.abs((double) x);
        if (a == 0) {
            return x;
        }
        int emin = format.minExponent();
        int e = Math.getExponent(a);
        int stepExp;
        if (e >= emin) {
            stepExp = e - format.mantissaBits();
        } else {
            stepExp = format.subnormals() ? emin - format.mantissaBits() : emin;
        }
        double q = Math.scalb(roundMagnitude(Math.scalb(a, -stepExp), rounding, u24), stepExp);
        if (q > max) {
            counts.saturated++;
            if (format.saturate() || rounding == Rounding.TOWARD_ZERO) {
                return Math.copySign(max, x);
            }
            return format.specials() == Specials.IEEE
                    ? Math.copySign(Float.POSITIVE_INFINITY, x)
                    : Float.NaN;
        }
        if (q == 0) {
            counts.underflowed++;
            return Math.copySign(0f, x);
        }
        return (float) Math.copySign(q, x);
    }

    /**
     * Quantises a row-major tensor in place.
     *
     * @param data the tensor's values, overwritten
     * @param shape the tensor's shape (used by block floating point to find blocks)
     * @param precision format and rounding
     * @param key the call's generator key from {@link CounterRng#key(long, long, long)}
     * @return what happened to the values
     * @throws IllegalArgumentException for block floating point, if {@code shape} does not hold
     *     {@code data.length} elements
     */
    public static QuantStats quantize(float[] data, long[] shape, Precision precision, long key) {
        NumberFormat format = precision.format();
        if (format instanceof RangeLinear range) {
            requireShapeMatches(data, shape);
            return RangeLinearReference.quantize(data, shape, range, precision.rounding(), key);
        }
        Counts counts = new Counts();
        Rounding rounding = precision.rounding();
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        if (format instanceof FullPrecision) {
            counts.total += data.length;
        } else if (format instanceof FixedPoint fixed) {
            for (int i = 0; i < data.length; i++) {
                int u = stochastic ? CounterRng.uniform24(key, i) : 0;
                data[i] = quantize(data[i], fixed, rounding, u, counts);
            }
        } else if (format instanceof FloatingPoint fp) {
            for (int i = 0; i < data.length; i++) {
                int u = stochastic ? CounterRng.uniform24(key, i) : 0;
                data[i] = quantize(data[i], fp, rounding, u, counts);
            }
        } else if (format instanceof BlockFloatingPoint bfp) {
            requireShapeMatches(data, shape);
            quantizeBlocks(data, BlockLayout.of(bfp.block(), shape), bfp, rounding, key, counts);
        }
        return counts.toStats();
    }

    private static void requireShapeMatches(float[] data, long[] shape) {
        // Blocks are found from the shape, so a mismatch would silently group the wrong elements.
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + size
                            + " elements but data has "
                            + data.length);
        }
    }

    private static void quantizeBlocks(
            float[] data,
            BlockLayout layout,
            BlockFloatingPoint bfp,
            Rounding rounding,
            long key,
            Counts counts) {
        int blocks = (int) layout.blockCount();
        float[] max = new float[blocks];
        boolean[] nonFinite = new boolean[blocks];
        for (int i = 0; i < data.length; i++) {
            int b = (int) layout.blockOf(i);
            float a = Math.abs(data[i]);
            if (!Float.isFinite(a)) {
                nonFinite[b] = true;
            } else if (a > max[b]) {
                max[b] = a;
            }
        }
        long maxI = (1L << (bfp.mantissaBits() - 1)) - 1;
        long minI = -(1L << (bfp.mantissaBits() - 1));
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        for (int i = 0; i < data.length; i++) {
            counts.total++;
            int b = (int) layout.blockOf(i);
            if (nonFinite[b]) {
                if (!Float.isFinite(data[i])) {
                    counts.nonFinite++;
                }
                continue;
            }
            if (max[b] == 0) {
                continue;
            }
            int u = stochastic ? CounterRng.uniform24(key, i) : 0;
            int s = bfp.scaleExponent(max[b]);
            data[i] = onIntegerGrid(data[i], s, minI, maxI, rounding, u, counts);
        }
    }

    /** A mutable, single-threaded tally used while quantising. */
    public static final class Counts {
        long total;
        long saturated;
        long underflowed;
        long nonFinite;

        /**
         * Adds counts, for quantisers outside this package that share the tally.
         *
         * @param totalCount values quantised
         * @param saturatedCount values clamped
         * @param underflowedCount non-zero values that became zero
         * @param nonFiniteCount NaN or infinite inputs
         */
        public void add(
                long totalCount, long saturatedCount, long underflowedCount, long nonFiniteCount) {
            total += totalCount;
            saturated += saturatedCount;
            underflowed += underflowedCount;
            nonFinite += nonFiniteCount;
        }

        /**
         * Returns the tally as an immutable value.
         *
         * @return the stats
         */
        public QuantStats toStats() {
            return new QuantStats(total, saturated, underflowed, nonFinite);
        }
    }
}
