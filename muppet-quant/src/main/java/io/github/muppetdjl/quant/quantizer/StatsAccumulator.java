/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import java.util.concurrent.atomic.LongAdder;

/** A thread-safe running tally of {@link QuantStats}, one per quantisation site. */
public final class StatsAccumulator {

    private final LongAdder total = new LongAdder();
    private final LongAdder saturated = new LongAdder();
    private final LongAdder underflowed = new LongAdder();
    private final LongAdder nonFinite = new LongAdder();

    /**
     * Adds one tally.
     *
     * @param stats the tally to add
     */
    public void add(QuantStats stats) {
        add(stats.total(), stats.saturated(), stats.underflowed(), stats.nonFinite());
    }

    /**
     * Adds raw counts.
     *
     * @param totalCount values quantised
     * @param saturatedCount values that saturated
     * @param underflowedCount values flushed to zero
     * @param nonFiniteCount NaN/Infinity inputs
     */
    public void add(
            long totalCount, long saturatedCount, long underflowedCount, long nonFiniteCount) {
        total.add(totalCount);
        saturated.add(saturatedCount);
        underflowed.add(underflowedCount);
        nonFinite.add(nonFiniteCount);
    }

    /**
     * Returns the current totals.
     *
     * @return a snapshot
     */
    public QuantStats snapshot() {
        return new QuantStats(total.sum(), saturated.sum(), underflowed.sum(), nonFinite.sum());
    }

    /**
     * Returns the current totals and resets them to zero.
     *
     * @return the totals before the reset
     */
    public QuantStats snapshotAndReset() {
        return new QuantStats(
                total.sumThenReset(),
                saturated.sumThenReset(),
                underflowed.sumThenReset(),
                nonFinite.sumThenReset());
    }
}
