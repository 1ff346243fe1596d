/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import java.util.concurrent.atomic.LongAdder;

/** A thread-safe running {@link OverflowTally}, one per layer, device and {@link Gemm}. */
public final class OverflowAccumulator {

    private final LongAdder chunks = new LongAdder();
    private final LongAdder chunkOverflows = new LongAdder();
    private final LongAdder sums = new LongAdder();
    private final LongAdder sumOverflows = new LongAdder();

    /** Creates an empty tally. */
    public OverflowAccumulator() {}

    /**
     * Adds counts in the order chunks, chunk overflows, sums, sum overflows.
     *
     * @param tally four counts
     */
    public void add(long[] tally) {
        chunks.add(tally[0]);
        chunkOverflows.add(tally[1]);
        sums.add(tally[2]);
        sumOverflows.add(tally[3]);
    }

    /**
     * Returns the totals.
     *
     * @return a snapshot
     */
    public OverflowTally snapshot() {
        return new OverflowTally(
                chunks.sum(), chunkOverflows.sum(), sums.sum(), sumOverflows.sum());
    }

    /**
     * Returns the totals and resets them.
     *
     * @return the totals before the reset
     */
    public OverflowTally snapshotAndReset() {
        return new OverflowTally(
                chunks.sumThenReset(),
                chunkOverflows.sumThenReset(),
                sums.sumThenReset(),
                sumOverflows.sumThenReset());
    }
}
