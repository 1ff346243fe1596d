/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import io.github.muppetdjl.quant.integer.Gemm;
import io.github.muppetdjl.quant.integer.OverflowAccumulator;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The state of one quantisation point on one device: statistics per role, INT32 overflow tallies
 * per integer product, and the error cuts waiting for the backward pass. Thread-safe: EasyTrain may
 * run batch splits concurrently.
 */
public final class SiteState {

    private final Map<TensorRole, StatsAccumulator> stats = new EnumMap<>(TensorRole.class);
    private final Map<Gemm, OverflowAccumulator> overflows = new EnumMap<>(Gemm.class);
    private final Queue<PendingCut> pending = new ConcurrentLinkedQueue<>();
    private final RunningRange runningRange = new RunningRange();

    /** Creates empty state with an accumulator for every role and every integer product. */
    public SiteState() {
        for (TensorRole role : TensorRole.values()) {
            stats.put(role, new StatsAccumulator());
        }
        for (Gemm g : Gemm.values()) {
            overflows.put(g, new OverflowAccumulator());
        }
    }

    /**
     * Returns the INT32 overflow tally of one integer product (integer layers only,
     * docs/algorithms.md §6.4; never modified after construction, so lock-free reads are safe).
     *
     * @param gemm the product
     * @return its accumulator
     */
    public OverflowAccumulator overflows(Gemm gemm) {
        return overflows.get(gemm);
    }

    /**
     * Returns the statistics of one role (the map is never modified after construction, so
     * lock-free reads are safe).
     *
     * @param role the role
     * @return its accumulator
     */
    public StatsAccumulator stats(TensorRole role) {
        return stats.get(role);
    }

    /**
     * Returns the running activation range (CPT's range quantiser in evaluation).
     *
     * @return the range tracker of this site on this device
     */
    public RunningRange runningRange() {
        return runningRange;
    }

    /**
     * Records an error cut.
     *
     * @param cut the cut
     */
    public void addPending(PendingCut cut) {
        pending.add(cut);
    }

    /**
     * Removes and returns all pending cuts.
     *
     * @return the cuts, in insertion order
     */
    public List<PendingCut> drainPending() {
        List<PendingCut> out = new ArrayList<>();
        PendingCut c;
        while ((c = pending.poll()) != null) {
            out.add(c);
        }
        return out;
    }

    /**
     * Returns how many cuts are pending.
     *
     * @return the count
     */
    public int pendingCount() {
        return pending.size();
    }
}
