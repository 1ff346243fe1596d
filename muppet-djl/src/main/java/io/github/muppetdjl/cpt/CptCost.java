/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.cpt;

/**
 * The bit-operation cost of a CPT run so far, as the paper measures it: each iteration costs {@code
 * (b_fw^2 + 2 b_fw b_bw) / 3} (one forward and two backward products per layer, relative to 32-bit
 * as {@code 32^2}), summed over the iterations trained, against the static baseline that trains
 * every iteration at {@code bMax} forward with the same backward width (docs/algorithms.md §6.5).
 *
 * @param iterations iterations trained, the precision range test's included
 * @param rangeTestIterations of which the precision range test used
 * @param bitOps the run's summed cost in squared bits
 * @param staticBitOps the static baseline's summed cost over the same iterations
 */
public record CptCost(
        long iterations, long rangeTestIterations, double bitOps, double staticBitOps) {

    /**
     * Returns the run's cost relative to static {@code bMax} training.
     *
     * @return the ratio, NaN before the first iteration
     */
    public double relative() {
        return iterations == 0 ? Double.NaN : bitOps / staticBitOps;
    }

    /**
     * Returns the fraction of bit-operations saved against the static baseline ({@code 1 -
     * relative()}), the paper's "BitOPs reduction".
     *
     * @return the saving, NaN before the first iteration
     */
    public double saving() {
        return 1 - relative();
    }

    /**
     * Returns the run's cost relative to FP32 training ({@code 32^2} per iteration).
     *
     * @return the ratio, NaN before the first iteration
     */
    public double relativeToFp32() {
        return iterations == 0 ? Double.NaN : bitOps / (iterations * 1024.0);
    }
}
