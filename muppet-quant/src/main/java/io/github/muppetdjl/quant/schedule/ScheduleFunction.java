/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.Map;

/**
 * A user's rule for choosing the policy from training progress; see {@link PrecisionSchedule} for
 * the meaning of the arguments. It is called once per batch, so it should be cheap, and it should
 * return equal (ideally identical) policies while nothing changes, since {@link ActivePolicy}
 * reports a change whenever the answer is not {@code equals} to the previous one.
 */
@FunctionalInterface
public interface ScheduleFunction {

    /**
     * Chooses the policy.
     *
     * @param step optimizer steps taken so far
     * @param epoch the 0-based epoch
     * @param metrics the latest reported metrics by name, read-only
     * @return the policy, never null
     */
    PrecisionPolicy apply(long step, int epoch, Map<String, Double> metrics);
}
