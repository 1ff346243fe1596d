/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * The scalar reference of {@link RangeLinear} (CPT's quantiser; docs/algorithms.md §6.5), one
 * element at a time in double arithmetic: the definition the NDArray and CPU fast paths reproduce
 * bit for bit. {@link ScalarQuantizer#quantize(float[], long[],
 * io.github.muppetdjl.quant.quantizer.Precision, long)} dispatches here for range formats.
 */
public final class RangeLinearReference {

    private RangeLinearReference() {}

    /**
     * Quantises one value onto the grid {@code lo + q * scale}, {@code q} in {@code [0, L]}.
     *
     * @param x a finite value
     * @param lo the range minimum
     * @param scale the grid step, positive
     * @param levels {@code L = 2^b - 1}
     * @param rounding the rounding mode
     * @param u24 the element's uniform integer (stochastic rounding only)
     * @param counts tally to update (saturated when {@code x} lies outside the range)
     * @return {@code (float) (q * scale + lo)}
     */
    public static float quantize(
            float x,
            float lo,
            double scale,
            long levels,
            Rounding rounding,
            int u24,
            ScalarQuantizer.Counts counts) {
        double y = ((double) x - lo) / scale;
        double q;
        if (y < 0) {
            q = 0;
            counts.saturated++;
        } else if (y > levels) {
            q = levels;
            counts.saturated++;
        } else {
            q = ScalarQuantizer.roundMagnitude(y, rounding, u24);
        }
        return (float) (q * scale + lo);
    }

    /**
     * Quantises a row-major tensor in place, each block over its own minimum and maximum.
     *
     * @param data the values, overwritten
     * @param shape the tensor's shape (finds the blocks)
     * @param format the format
     * @param rounding the rounding mode
     * @param key the generator key (stochastic rounding only)
     * @return what happened to the values
     */
    public static QuantStats quantize(
            float[] data, long[] shape, RangeLinear format, Rounding rounding, long key) {
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        BlockLayout layout = BlockLayout.of(format.block(), shape);
        int blocks = (int) layout.blockCount();
        float[] lo = new float[blocks];
        float[] hi = new float[blocks];
        boolean[] seen = new boolean[blocks];
        boolean[] nonFinite = new boolean[blocks];
        for (int i = 0; i < data.length; i++) {
            int b = (int) layout.blockOf(i);
            float v = data[i];
            if (!Float.isFinite(v)) {
                nonFinite[b] = true;
            } else if (!seen[b]) {
                lo[b] = v;
                hi[b] = v;
                seen[b] = true;
            } else {
                lo[b] = Math.min(lo[b], v);
                hi[b] = Math.max(hi[b], v);
            }
        }
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        long levels = format.levels();
        for (int i = 0; i < data.length; i++) {
            counts.total++;
            int b = (int) layout.blockOf(i);
            if (nonFinite[b]) {
                if (!Float.isFinite(data[i])) {
                    counts.nonFinite++;
                }
                continue;
            }
            int u = stochastic ? CounterRng.uniform24(key, i) : 0;
            double scale = format.scale(lo[b], hi[b]);
            data[i] = quantize(data[i], lo[b], scale, levels, rounding, u, counts);
        }
        return counts.toStats();
    }

    /**
     * Quantises values in place over a given range (an activation's running range in evaluation):
     * values outside {@code [lo, hi]} clamp to its ends; NaN and ±Infinity are left as they are and
     * counted.
     *
     * @param data the values, overwritten
     * @param format the format (its block is ignored: one range for all values)
     * @param rounding the rounding mode
     * @param lo the range minimum, finite
     * @param hi the range maximum, finite and at least {@code lo}
     * @param key the generator key (stochastic rounding only)
     * @return what happened to the values
     * @throws IllegalArgumentException if the range is not finite or {@code hi < lo}
     */
    public static QuantStats quantizeInRange(
            float[] data, RangeLinear format, Rounding rounding, float lo, float hi, long key) {
        requireRange(lo, hi);
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        double scale = format.scale(lo, hi);
        long levels = format.levels();
        for (int i = 0; i < data.length; i++) {
            counts.total++;
            if (!Float.isFinite(data[i])) {
                counts.nonFinite++;
                continue;
            }
            int u = stochastic ? CounterRng.uniform24(key, i) : 0;
            data[i] = quantize(data[i], lo, scale, levels, rounding, u, counts);
        }
        return counts.toStats();
    }

    /**
     * Throws unless {@code [lo, hi]} is a finite, non-empty range.
     *
     * @param lo the minimum
     * @param hi the maximum
     */
    public static void requireRange(float lo, float hi) {
        if (!Float.isFinite(lo) || !Float.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException(
                    "range must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }
}
