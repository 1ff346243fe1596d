/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

/**
 * What happened to the values of one or more quantisations.
 *
 * @param total values quantised
 * @param saturated finite values whose rounded magnitude exceeded the format's range (clamped to
 *     ±max, or turned into ±Infinity/NaN where the format overflows that way)
 * @param underflowed non-zero finite values that became zero
 * @param nonFinite NaN or ±Infinity inputs (for block floating point: they leave their block
 *     unchanged)
 */
public record QuantStats(long total, long saturated, long underflowed, long nonFinite) {

    /** No values. */
    public static final QuantStats EMPTY = new QuantStats(0, 0, 0, 0);

    /**
     * Adds two tallies.
     *
     * @param other the other tally
     * @return the sum
     */
    public QuantStats plus(QuantStats other) {
        return new QuantStats(
                total + other.total,
                saturated + other.saturated,
                underflowed + other.underflowed,
                nonFinite + other.nonFinite);
    }

    @Override
    public String toString() {
        return "total="
                + total
                + " saturated="
                + saturated
                + " underflowed="
                + underflowed
                + " nonFinite="
                + nonFinite;
    }
}
