/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import ai.djl.ndarray.NDArray;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;

/**
 * One place where the forward graph was cut to quantise the error flowing back: the forward
 * continued from {@code cut} (a leaf holding the quantised, detached activation) instead of {@code
 * target}. After the main backward, {@code cut}'s gradient is quantised and back-propagated into
 * {@code target}.
 *
 * @param sequence forward order of the cut; cuts are completed in decreasing order
 * @param target the original activation, still attached to the graph above it
 * @param cut the detached leaf the forward continued from
 * @param errorPrecision the precision of the error at the time of the forward
 * @param key the generator key for quantising the error
 * @param stats where the error's statistics go
 * @param pass the point's own backward pass, or {@code null} for the default one
 */
public record PendingCut(
        long sequence,
        NDArray target,
        NDArray cut,
        Precision errorPrecision,
        long key,
        StatsAccumulator stats,
        ErrorPass pass) {

    /** Validates the fields. */
    public PendingCut {
        if (target == null || cut == null || errorPrecision == null || stats == null) {
            throw new IllegalArgumentException(
                    "target, cut, errorPrecision and stats must not be null");
        }
    }

    /**
     * A cut completed by the default pass: quantise the cut's gradient to {@code errorPrecision}
     * and back-propagate it into {@code target}.
     *
     * @param sequence forward order of the cut
     * @param target the original activation
     * @param cut the detached leaf the forward continued from
     * @param errorPrecision the precision of the error
     * @param key the generator key for quantising the error
     * @param stats where the error's statistics go
     */
    public PendingCut(
            long sequence,
            NDArray target,
            NDArray cut,
            Precision errorPrecision,
            long key,
            StatsAccumulator stats) {
        this(sequence, target, cut, errorPrecision, key, stats, null);
    }
}
