/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/**
 * What one integer layer's INT32 accumulation did in one of its products over a whole run (integer
 * DFP16, docs/algorithms.md §6.4): how many chunk sums and output sums it formed, and how many of
 * them left the INT32 range.
 *
 * @param layer the layer's site name (its path in the block tree); not empty
 * @param product the product in lower case: {@code forward}, {@code backward_data} or {@code
 *     backward_weights}; not empty
 * @param chunks INT32 chunk sums formed; at least 0
 * @param chunkOverflows chunk sums outside the INT32 range (kept exact and counted); at least 0
 * @param sums output sums formed (each is a whole reduction); at least 0
 * @param sumOverflows output sums whose whole, unchunked value is outside the INT32 range: what a
 *     single INT32 accumulator would have got wrong; at least 0
 */
public record IntegerOverflowStat(
        String layer,
        String product,
        long chunks,
        long chunkOverflows,
        long sums,
        long sumOverflows) {

    /** Validates the fields. */
    public IntegerOverflowStat {
        if (layer == null || layer.isEmpty() || product == null || product.isEmpty()) {
            throw new IllegalArgumentException("layer and product must not be empty");
        }
        if (chunks < 0 || chunkOverflows < 0 || sums < 0 || sumOverflows < 0) {
            throw new IllegalArgumentException("counts must be at least 0");
        }
    }
}
