/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thread-safe quantisation statistics per parameter and role, with a second reader: {@link
 * #drainNew} returns what was counted since its previous call, whether or not {@link #snapshot}
 * reset the accumulators in between.
 */
final class RoleStatistics {

    private final Map<String, Map<TensorRole, StatsAccumulator>> stats = new ConcurrentHashMap<>();

    /** Per parameter and role, what {@link #drainNew} has not reported yet but a reset removed. */
    private final Map<String, Map<TensorRole, QuantStats>> reported = new ConcurrentHashMap<>();

    /** Returns the live accumulator of one role of one parameter, created on first use. */
    StatsAccumulator get(String parameterId, TensorRole role) {
        return stats.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(role, r -> new StatsAccumulator());
    }

    /** Returns all statistics sorted by parameter id, optionally resetting them. */
    Map<String, Map<TensorRole, QuantStats>> snapshot(boolean reset) {
        Map<String, Map<TensorRole, QuantStats>> out = new TreeMap<>();
        for (Map.Entry<String, Map<TensorRole, StatsAccumulator>> e : stats.entrySet()) {
            Map<TensorRole, QuantStats> byRole = new EnumMap<>(TensorRole.class);
            for (Map.Entry<TensorRole, StatsAccumulator> r : e.getValue().entrySet()) {
                StatsAccumulator a = r.getValue();
                QuantStats s = reset ? a.snapshotAndReset() : a.snapshot();
                if (reset) { // keep drainNew's view: the baseline moves down by what was removed
                    shiftBaseline(e.getKey(), r.getKey(), s);
                }
                byRole.put(r.getKey(), s);
            }
            out.put(e.getKey(), byRole);
        }
        return out;
    }

    /**
     * Returns, per parameter and role, what was counted since the previous call (only non-empty
     * entries), sorted by parameter name.
     */
    synchronized Map<String, Map<TensorRole, QuantStats>> drainNew() {
        Map<String, Map<TensorRole, QuantStats>> out = new TreeMap<>();
        for (Map.Entry<String, Map<TensorRole, StatsAccumulator>> e : stats.entrySet()) {
            for (Map.Entry<TensorRole, StatsAccumulator> r : e.getValue().entrySet()) {
                QuantStats now = r.getValue().snapshot();
                Map<TensorRole, QuantStats> base =
                        reported.computeIfAbsent(e.getKey(), k -> new ConcurrentHashMap<>());
                QuantStats delta = minus(now, base.getOrDefault(r.getKey(), QuantStats.EMPTY));
                base.put(r.getKey(), now);
                if (delta.total() > 0) {
                    out.computeIfAbsent(e.getKey(), k -> new EnumMap<>(TensorRole.class))
                            .put(r.getKey(), delta);
                }
            }
        }
        return out;
    }

    private synchronized void shiftBaseline(String name, TensorRole role, QuantStats removed) {
        Map<TensorRole, QuantStats> base =
                reported.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
        base.put(role, minus(base.getOrDefault(role, QuantStats.EMPTY), removed));
    }

    static QuantStats minus(QuantStats a, QuantStats b) {
        return new QuantStats(
                a.total() - b.total(),
                a.saturated() - b.saturated(),
                a.underflowed() - b.underflowed(),
                a.nonFinite() - b.nonFinite());
    }
}
