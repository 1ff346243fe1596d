/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.control;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.schedule.ActivePolicy;
import io.github.muppetdjl.quant.schedule.PrecisionSchedule;

import java.util.Map;

/**
 * A {@link PrecisionSchedule} (fixed, by epoch, by step, or a user function of step, epoch and
 * metrics; docs/algorithms.md §7.2) as a controller: before every batch it asks the schedule for
 * the policy of (step, epoch, the last finished epoch's evaluations). The schedule itself must be
 * stateless (the schedules of {@link PrecisionSchedule}'s factories are), so the controller has no
 * state to checkpoint: the step and epoch a run resumes at give the same answers. {@code
 * toString()} is {@code schedule(<schedule>)}.
 */
public final class ScheduleController implements PrecisionController {

    private final ActivePolicy active;
    private volatile Map<String, Double> evaluations = Map.of();

    private ScheduleController(PrecisionSchedule schedule) {
        this.active = new ActivePolicy(schedule);
    }

    /**
     * Returns the spec of a schedule-driven controller.
     *
     * @param schedule a stateless schedule
     * @return the spec
     * @throws IllegalArgumentException if the schedule is null
     */
    public static PrecisionController.Spec spec(PrecisionSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        return new PrecisionController.Spec() {
            @Override
            public PrecisionController create() {
                return new ScheduleController(schedule);
            }

            @Override
            public String toString() {
                return describe(schedule);
            }
        };
    }

    private static String describe(PrecisionSchedule schedule) {
        return "schedule(" + schedule + ")";
    }

    @Override
    public PrecisionPolicy policy() {
        return active.current();
    }

    @Override
    public PrecisionPolicy beforeBatch(long step, int epoch) {
        active.update(step, epoch, evaluations);
        return active.current();
    }

    @Override
    public PrecisionPolicy onEpochEnd(int epoch, Map<String, Double> evals) {
        evaluations = Map.copyOf(evals);
        return active.current();
    }

    @Override
    public String toString() {
        return describe(active.schedule());
    }
}
