/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

/**
 * The projected cost of one epoch (or of one sample, with {@code samples = 1}) under one precision
 * policy; see {@link CostModel} for the formulas. All values are totals over the epoch.
 *
 * @param samples training samples in the epoch; at least 1
 * @param macBitOps multiply-accumulate bit-operations of the three passes; finite, at least 0
 * @param bytesMoved bytes read and written by the modelled passes; finite, at least 0
 * @param computeSeconds the sum of the passes' compute times; finite, at least 0
 * @param memorySeconds the sum of the passes' memory times; finite, at least 0
 * @param projectedSeconds the sum over passes of {@code max(compute, memory)}; finite, at least 0
 */
public record EpochCost(
        long samples,
        double macBitOps,
        double bytesMoved,
        double computeSeconds,
        double memorySeconds,
        double projectedSeconds) {

    /** Validates the fields. */
    public EpochCost {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        check("macBitOps", macBitOps);
        check("bytesMoved", bytesMoved);
        check("computeSeconds", computeSeconds);
        check("memorySeconds", memorySeconds);
        check("projectedSeconds", projectedSeconds);
    }

    private static void check(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    field + " must be finite and at least 0, got " + value);
        }
    }
}
