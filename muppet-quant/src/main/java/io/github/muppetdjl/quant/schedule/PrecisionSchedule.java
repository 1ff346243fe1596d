/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.Map;

/**
 * Produces the {@link PrecisionPolicy} in force at a point of training (docs/algorithms.md §7.2):
 * fixed, by epoch, by step, a user function, or a controller such as {@link MuppetSwitchingPolicy}.
 *
 * <p>The training side asks once per batch, before the forward pass, through an {@link
 * ActivePolicy}, which notices when the answer changes so a new policy takes effect on the live
 * sites at that batch without rebuilding the model.
 *
 * <p>Arguments: {@code step} is the number of optimizer steps taken before this batch (0 for the
 * first batch of training), {@code epoch} the 0-based epoch the batch belongs to, and {@code
 * metrics} the most recent values the training side reports by name (for example the last epoch's
 * training loss and validation accuracy; empty before the first epoch ends). The map is read-only,
 * values are finite or NaN, and its keys are chosen by the training side.
 */
@FunctionalInterface
public interface PrecisionSchedule {

    /**
     * Returns the policy for the batch at {@code (step, epoch)}.
     *
     * @param step optimizer steps taken so far, at least 0
     * @param epoch the 0-based epoch, at least 0
     * @param metrics the latest reported metrics by name, read-only
     * @return the policy, never null
     */
    PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics);

    /**
     * A schedule that always answers the same policy.
     *
     * @param policy the policy
     * @return the schedule
     */
    static PrecisionSchedule fixed(PrecisionPolicy policy) {
        return new FixedSchedule(policy);
    }

    /**
     * A schedule by epoch: each entry gives the policy from its start epoch until the next entry's.
     *
     * @param byStartEpoch start epoch to policy; must contain epoch 0, keys at least 0
     * @return the schedule
     */
    static PrecisionSchedule byEpoch(Map<Integer, ? extends PrecisionPolicy> byStartEpoch) {
        return new EpochSchedule(byStartEpoch);
    }

    /**
     * A schedule by optimizer step: each entry gives the policy from its start step until the next
     * entry's.
     *
     * @param byStartStep start step to policy; must contain step 0, keys at least 0
     * @return the schedule
     */
    static PrecisionSchedule byStep(Map<Long, ? extends PrecisionPolicy> byStartStep) {
        return new StepSchedule(byStartStep);
    }

    /**
     * A schedule computed by a user function of (step, epoch, metrics).
     *
     * @param description a one-line description for logs and {@code toString()}
     * @param function the function; must not return null
     * @return the schedule
     */
    static PrecisionSchedule of(String description, ScheduleFunction function) {
        return new FunctionSchedule(description, function);
    }
}
