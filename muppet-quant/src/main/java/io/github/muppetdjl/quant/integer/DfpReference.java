/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * The scalar reference of integer DFP16 arithmetic (docs/algorithms.md §6.4): it converts tensors
 * one element at a time and sums products literally, {@code int} by {@code int}, in an {@code int}
 * accumulator per chunk, then flushes each chunk into an FP32 sum in chunk order. It defines the
 * numerics that {@link ChunkedGemm} emulates on the engine.
 */
public final class DfpReference {

    private static final long INT32_MIN = Integer.MIN_VALUE;
    private static final long INT32_MAX = Integer.MAX_VALUE;

    private DfpReference() {}

    /**
     * Converts a row-major tensor to DFP16 ({@link Dfp}).
     *
     * @param x the values
     * @param shift the extra right shift {@code a}
     * @param rounding the rounding; stochastic draws {@code CounterRng.uniform24(key, i)} for
     *     element {@code i}, as every stochastic rounding in the library does
     * @param key the generator key (ignored unless stochastic)
     * @param counts tally of saturated, underflowed and non-finite elements, or {@code null}
     * @return the tensor, or {@code null} if {@code x} holds NaN or ±Infinity (counted)
     */
    public static DfpTensor quantize(
            float[] x, int shift, Rounding rounding, long key, ScalarQuantizer.Counts counts) {
        float max = 0f;
        long nonFinite = 0;
        for (float v : x) {
            if (!Float.isFinite(v)) {
                nonFinite++;
            } else {
                max = Math.max(max, Math.abs(v));
            }
        }
        int[] out = new int[x.length];
        if (nonFinite > 0) {
            add(counts, x.length, 0, 0, nonFinite);
            return null;
        }
        if (max == 0f) {
            add(counts, x.length, 0, 0, 0);
            return new DfpTensor(out, 0);
        }
        int s = Dfp.scaleExponent(max, shift);
        int top = Dfp.maxMantissa(shift);
        long saturated = 0;
        long underflowed = 0;
        for (int i = 0; i < x.length; i++) {
            int u = rounding == Rounding.STOCHASTIC ? CounterRng.uniform24(key, i) : 0;
            int m = mantissa(x[i], s, top, rounding, u);
            if (Math.abs(m) == top && unclamped(x[i], s, rounding, u) > top) {
                saturated++;
            }
            if (m == 0 && x[i] != 0) {
                underflowed++;
            }
            out[i] = m;
        }
        add(counts, x.length, saturated, underflowed, 0);
        return new DfpTensor(out, s);
    }

    /**
     * Returns one element's mantissa: {@code round(|x| · 2^s)} with the rounding mode, clamped to
     * {@code top}, with the sign of {@code x}.
     *
     * @param x a finite value
     * @param s the tensor's exponent
     * @param top the largest mantissa, {@link Dfp#maxMantissa(int)}
     * @param rounding the rounding
     * @param u24 the element's uniform integer (stochastic only)
     * @return the mantissa
     */
    public static int mantissa(float x, int s, int top, Rounding rounding, int u24) {
        double m = Math.min(unclamped(x, s, rounding, u24), top);
        return (int) (x < 0 ? -m : m);
    }

    private static double unclamped(float x, int s, Rounding rounding, int u24) {
        // |x| · 2^s is exact in double for every float and every exponent a tensor can have.
        return ScalarQuantizer.roundMagnitude(Math.scalb(Math.abs((double) x), s), rounding, u24);
    }

    private static void add(
            ScalarQuantizer.Counts counts, long total, long sat, long under, long nonFinite) {
        if (counts != null) {
            counts.add(total, sat, under, nonFinite);
        }
    }

    /**
     * Returns the FP32 value of a chunk's integer sum: the float nearest to {@code sum ·
     * 2^-scaleExponent} (one rounding, nearest-even, subnormals kept).
     *
     * @param sum the exact chunk sum
     * @param scaleExponent {@code s_a + s_b}
     * @return the flushed value
     */
    public static float flush(long sum, int scaleExponent) {
        // sum has at most 53 bits here and the power of two is a normal double, so the product is
        // exact and the cast is the only rounding.
        return (float) ((double) sum * Math.scalb(1.0, -scaleExponent));
    }

    /**
     * One output element's accumulation: products go into the current chunk's {@code int}
     * accumulator; {@link #endChunk} flushes it into the FP32 result.
     */
    public static final class Accumulator {

        private final int scaleExponent;
        private int acc;
        private long exact;
        private long total;
        private float result;
        private boolean started;
        private long chunks;
        private long chunkOverflows;

        /**
         * Starts an output element.
         *
         * @param scaleExponent {@code s_a + s_b}
         */
        public Accumulator(int scaleExponent) {
            this.scaleExponent = scaleExponent;
        }

        /**
         * Adds one product of two mantissas.
         *
         * @param a a mantissa
         * @param b a mantissa
         */
        public void add(int a, int b) {
            int p = a * b; // at most 2^30 in magnitude: exact in int
            acc += p; // wraps like INT32 hardware
            exact += p;
        }

        /** Ends the current chunk: flushes its sum into the FP32 result and clears it. */
        public void endChunk() {
            chunks++;
            long sum = acc;
            if (exact != acc) {
                // Overflowed INT32 (it wrapped): the layer keeps the exact sum, as a wider
                // accumulator would, and counts the chunk.
                chunkOverflows++;
                sum = exact;
            }
            float f = flush(sum, scaleExponent);
            result = started ? result + f : f;
            started = true;
            total += exact;
            acc = 0;
            exact = 0;
        }

        /**
         * Returns the FP32 result and adds the counts. Every chunk must have been ended, empty ones
         * included, so that the FP32 additions happen in the same order as the emulation's.
         *
         * @param tally where chunk and sum counts go
         * @return the result; 0 if no chunk held anything
         */
        public float finish(long[] tally) {
            tally[0] += chunks;
            tally[1] += chunkOverflows;
            tally[2] += 1;
            tally[3] += total < INT32_MIN || total > INT32_MAX ? 1 : 0;
            return started ? result : 0f;
        }
    }

    /**
     * Computes {@code a · b} chunk by chunk: {@code a} is {@code m × r}, {@code b} is {@code r ×
     * n}, both row-major, and the reduction over {@code r} is cut into chunks of {@code chunk}
     * products. A dense layer's three products are of this form.
     *
     * @param a the left operand
     * @param m rows of {@code a}
     * @param r the reduction length
     * @param b the right operand
     * @param n columns of {@code b}
     * @param chunk products per chunk, at least 1
     * @param tally receives chunks, chunk overflows, sums and sum overflows (length 4)
     * @return the {@code m × n} result, row-major
     */
    public static float[] matmul(
            DfpTensor a, int m, int r, DfpTensor b, int n, int chunk, long[] tally) {
        float[] out = new float[m * n];
        int k = a.exponent() + b.exponent();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                Accumulator acc = new Accumulator(k);
                for (int t = 0; t < r; t++) {
                    acc.add(a.mantissas()[i * r + t], b.mantissas()[t * n + j]);
                    if ((t + 1) % chunk == 0 || t == r - 1) {
                        acc.endChunk();
                    }
                }
                out[i * n + j] = acc.finish(tally);
            }
        }
        return out;
    }

    /**
     * Returns the tally as a record.
     *
     * @param tally chunks, chunk overflows, sums, sum overflows
     * @return the record
     */
    public static OverflowTally tally(long[] tally) {
        return new OverflowTally(tally[0], tally[1], tally[2], tally[3]);
    }
}
