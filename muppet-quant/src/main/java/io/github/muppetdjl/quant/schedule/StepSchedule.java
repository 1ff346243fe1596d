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
 * A schedule by optimizer step: the policy of the entry with the largest start step not after the
 * current step. For {@code {0: bfp8, 500: fp32}} steps 0 to 499 use BFP 8 and step 500 onwards
 * FP32.
 */
public final class StepSchedule implements PrecisionSchedule {

    private final NavigableMap<Long, PrecisionPolicy> starts;

    /**
     * Creates the schedule.
     *
     * @param byStartStep start step to policy; must contain step 0, keys at least 0, no nulls
     */
    public StepSchedule(Map<Long, ? extends PrecisionPolicy> byStartStep) {
        if (byStartStep == null || !byStartStep.containsKey(0L)) {
            throw new IllegalArgumentException("byStartStep must contain step 0");
        }
        TreeMap<Long, PrecisionPolicy> copy = new TreeMap<>();
        byStartStep.forEach(
                (step, policy) -> {
                    if (step == null || step < 0 || policy == null) {
                        throw new IllegalArgumentException(
                                "byStartStep keys must be at least 0 and policies non-null, got "
                                        + step
                                        + "="
                                        + policy);
                    }
                    copy.put(step, policy);
                });
        this.starts = Collections.unmodifiableNavigableMap(copy);
    }

    @Override
    public PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be at least 0, got " + step);
        }
        return starts.floorEntry(step).getValue();
    }

    /**
     * Returns the entries by start step.
     *
     * @return an unmodifiable sorted map
     */
    public NavigableMap<Long, PrecisionPolicy> starts() {
        return starts;
    }

    @Override
    public String toString() {
        return "byStep" + starts;
    }
}
