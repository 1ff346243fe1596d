/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A schedule by epoch: the policy of the entry with the largest start epoch not after the current
 * epoch. For {@code {0: bfp8, 10: fp32}} epochs 0 to 9 train in BFP 8 and epoch 10 onwards in FP32.
 */
public final class EpochSchedule implements PrecisionSchedule {

    private final NavigableMap<Integer, PrecisionPolicy> starts;

    /**
     * Creates the schedule.
     *
     * @param byStartEpoch start epoch to policy; must contain epoch 0, keys at least 0, no nulls
     */
    public EpochSchedule(Map<Integer, ? extends PrecisionPolicy> byStartEpoch) {
        if (byStartEpoch == null || !byStartEpoch.containsKey(0)) {
            throw new IllegalArgumentException("byStartEpoch must contain epoch 0");
        }
        TreeMap<Integer, PrecisionPolicy> copy = new TreeMap<>();
        byStartEpoch.forEach(
                (epoch, policy) -> {
                    if (epoch == null || epoch < 0 || policy == null) {
                        throw new IllegalArgumentException(
                                "byStartEpoch keys must be at least 0 and policies non-null, got "
                                        + epoch
                                        + "="
                                        + policy);
                    }
                    copy.put(epoch, policy);
                });
        this.starts = Collections.unmodifiableNavigableMap(copy);
    }

    @Override
    public PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
        }
        return starts.floorEntry(epoch).getValue();
    }

    /**
     * Returns the entries by start epoch.
     *
     * @return an unmodifiable sorted map
     */
    public NavigableMap<Integer, PrecisionPolicy> starts() {
        return starts;
    }

    @Override
    public String toString() {
        return "byEpoch" + starts;
    }
}
