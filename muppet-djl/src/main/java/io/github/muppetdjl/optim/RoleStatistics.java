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

/** Thread-safe quantisation statistics per parameter and role. */
final class RoleStatistics {

    private final Map<String, Map<TensorRole, StatsAccumulator>> stats = new ConcurrentHashMap<>();

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
                byRole.put(r.getKey(), reset ? a.snapshotAndReset() : a.snapshot());
            }
            out.put(e.getKey(), byRole);
        }
        return out;
    }
}
