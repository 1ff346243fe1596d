/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.bench;

/**
 * The measured throughput of one quantiser path on one precision.
 *
 * @param path {@code "fast"} (CPU kernel) or {@code "ndarray"} (composed NDArray operations)
 * @param format the format's text form, e.g. {@code bfp(8)}
 * @param rounding the rounding's short name: {@code nearest}, {@code stochastic} or {@code zero}
 * @param mps millions of elements quantised in place per second (median over iterations)
 * @param ratioToMuli {@code mps} divided by the in-place {@code muli} throughput of the same run
 */
public record BenchResult(
        String path, String format, String rounding, double mps, double ratioToMuli) {

    /** Validates the fields. */
    public BenchResult {
        if (path == null || format == null || rounding == null) {
            throw new IllegalArgumentException("path, format and rounding must not be null");
        }
        if (!(mps >= 0) || !(ratioToMuli >= 0)) {
            throw new IllegalArgumentException(
                    "mps and ratioToMuli must be >= 0, got " + mps + " and " + ratioToMuli);
        }
    }
}
