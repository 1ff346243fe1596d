/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * Converts FLOAT32 NDArrays to {@link Dfp} form on any device, equal to {@link
 * DfpReference#quantize} element for element. Nearest-even and toward-zero rounding run as engine
 * ops in FLOAT64 (scaling a float by a power of two is exact there, and the engine's {@code round}
 * ties to even); stochastic rounding runs the reference's per-element rule in Java, because its
 * draws come from {@link CounterRng} by element index.
 */
public final class DfpQuantizer {

    private DfpQuantizer() {}

    /**
     * Converts a tensor.
     *
     * @param x a FLOAT32 array
     * @param shift the extra right shift {@code a}
     * @param rounding the rounding
     * @param key the generator key (stochastic only)
     * @param stats where saturated, underflowed and non-finite elements are counted, or {@code
     *     null}
     * @return the tensor, its mantissas on {@code x}'s manager; {@code null} if {@code x} holds NaN
     *     or ±Infinity (counted)
     */
    public static DfpArray quantize(
            NDArray x, int shift, Rounding rounding, long key, StatsAccumulator stats) {
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "DFP16 converts FLOAT32 arrays, got " + x.getDataType());
        }
        long size = x.size();
        float max;
        try (NDArray m = x.abs().max()) {
            max = size == 0 ? 0f : m.getFloat();
        }
        if (!Float.isFinite(max)) {
            if (stats != null) {
                try (NDArray nan = x.isNaN().logicalOr(x.isInfinite()).sum()) {
                    stats.add(size, 0, 0, nan.getLong());
                }
            }
            return null;
        }
        NDManager manager = x.getManager();
        if (max == 0f) {
            if (stats != null) {
                stats.add(size, 0, 0, 0);
            }
            return new DfpArray(manager.zeros(x.getShape(), DataType.FLOAT64), 0);
        }
        int s = Dfp.scaleExponent(max, shift);
        int top = Dfp.maxMantissa(shift);
        if (rounding == Rounding.STOCHASTIC) {
            return new DfpArray(stochastic(x, s, top, key, stats), s);
        }
        NDArray i;
        try (NDArray v = x.toType(DataType.FLOAT64, true).mul(Math.scalb(1.0, s))) {
            i = rounding == Rounding.NEAREST_EVEN ? v.round() : v.trunc();
        }
        if (stats != null) {
            long saturated;
            long underflowed;
            try (NDArray sat = i.abs().gt(top).sum();
                    NDArray under = i.eq(0).logicalAnd(x.neq(0)).sum()) {
                saturated = sat.getLong();
                underflowed = under.getLong();
            }
            stats.add(size, saturated, underflowed, 0);
        }
        // round() keeps the sign of a negative value that rounds to zero; mantissas are integers,
        // so that -0 becomes +0 (x + 0 is +0 for x = -0).
        NDArray clipped = i.clip(-top, top).addi(0.0);
        i.close();
        return new DfpArray(clipped, s);
    }

    private static NDArray stochastic(NDArray x, int s, int top, long key, StatsAccumulator stats) {
        float[] v = x.toFloatArray();
        double[] out = new double[v.length];
        long saturated = 0;
        long underflowed = 0;
        for (int i = 0; i < v.length; i++) {
            int m =
                    DfpReference.mantissa(
                            v[i],
                            s,
                            Integer.MAX_VALUE,
                            Rounding.STOCHASTIC,
                            CounterRng.uniform24(key, i));
            if (Math.abs(m) > top) {
                m = m < 0 ? -top : top;
                saturated++;
            }
            if (m == 0 && v[i] != 0) {
                underflowed++;
            }
            out[i] = m;
        }
        if (stats != null) {
            stats.add(v.length, saturated, underflowed, 0);
        }
        return x.getManager().create(out, x.getShape());
    }
}
