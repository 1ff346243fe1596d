/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.reference.RangeLinearReference;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * {@link RangeLinear} over a range the caller gives instead of the data's own: CPT quantises
 * activations in evaluation over the running average of the training batches' ranges
 * (docs/algorithms.md §6.5). NDArray operations, so any device; equal bit for bit to {@link
 * RangeLinearReference#quantizeInRange}.
 */
public final class RangeQuantizer {

    private RangeQuantizer() {}

    /**
     * Returns {@code x} quantised over {@code [lo, hi]}, a new array on {@code x}'s manager.
     *
     * @param x a FLOAT32 array
     * @param format the format (its block is ignored: one range for the whole tensor)
     * @param rounding the rounding mode
     * @param lo the range minimum, finite
     * @param hi the range maximum, finite, at least {@code lo}
     * @param key the generator key (stochastic rounding only)
     * @param stats where to add what happened, or null
     * @return the quantised copy
     * @throws IllegalArgumentException if {@code x} is not FLOAT32 or the range is invalid
     */
    public static NDArray quantizeInRange(
            NDArray x,
            RangeLinear format,
            Rounding rounding,
            float lo,
            float hi,
            long key,
            StatsAccumulator stats) {
        KernelLoader.requireFloat32(x);
        RangeLinearReference.requireRange(lo, hi);
        NDManager owner = x.getManager();
        long[] counts = stats == null ? null : new long[3];
        NDArray q;
        try (NDManager tmp = owner.newSubManager(x.getDevice())) {
            x.tempAttach(tmp);
            q = NDArrayRange.quantizeInRange(tmp, x, format, rounding, lo, hi, key, counts);
            q.attach(owner);
        }
        if (stats != null) {
            stats.add(x.size(), counts[FastKernel.SATURATED], 0, counts[FastKernel.NON_FINITE]);
        }
        return q;
    }
}
