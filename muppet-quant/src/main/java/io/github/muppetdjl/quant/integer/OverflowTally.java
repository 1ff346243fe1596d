/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

/**
 * What the INT32 accumulators of one or more integer products saw (docs/algorithms.md §6.4).
 *
 * @param chunks chunk sums computed (one per output element and chunk)
 * @param chunkOverflows chunk sums outside the INT32 range; the layer kept their exact value (as a
 *     wider accumulator would) and counts them here. Zero whenever the chunk length is at most
 *     {@link IntegerArithmetic#safeChunkLength(int)}.
 * @param sums output elements computed
 * @param sumOverflows output elements whose whole, unchunked integer sum lies outside the INT32
 *     range: the outputs a single INT32 accumulator without flushes would have got wrong (a
 *     wrapping accumulator errs exactly when the final sum is out of range, whatever it passed
 *     through on the way)
 */
public record OverflowTally(long chunks, long chunkOverflows, long sums, long sumOverflows) {

    /** Nothing counted. */
    public static final OverflowTally EMPTY = new OverflowTally(0, 0, 0, 0);

    /** Validates the fields. */
    public OverflowTally {
        if (chunks < 0 || chunkOverflows < 0 || sums < 0 || sumOverflows < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /**
     * Adds two tallies.
     *
     * @param other the other tally
     * @return the sum
     */
    public OverflowTally plus(OverflowTally other) {
        return new OverflowTally(
                chunks + other.chunks,
                chunkOverflows + other.chunkOverflows,
                sums + other.sums,
                sumOverflows + other.sumOverflows);
    }

    @Override
    public String toString() {
        return "chunks="
                + chunks
                + " chunkOverflows="
                + chunkOverflows
                + " sums="
                + sums
                + " sumOverflows="
                + sumOverflows;
    }
}
