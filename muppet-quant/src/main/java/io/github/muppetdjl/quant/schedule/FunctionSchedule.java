/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.Collections;
import java.util.Map;

/** A schedule computed by a user's {@link ScheduleFunction}. */
public final class FunctionSchedule implements PrecisionSchedule {

    private final String description;
    private final ScheduleFunction function;

    /**
     * Creates the schedule.
     *
     * @param description a one-line description, shown by {@link #toString()}
     * @param function the function
     */
    public FunctionSchedule(String description, ScheduleFunction function) {
        if (description == null || description.isEmpty() || description.contains("\n")) {
            throw new IllegalArgumentException("description must be one non-empty line");
        }
        if (function == null) {
            throw new IllegalArgumentException("function must not be null");
        }
        this.description = description;
        this.function = function;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the function returns null
     */
    @Override
    public PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics) {
        // Wrap so a function cannot change the caller's map.
        Map<String, Double> view =
                metrics == null ? Map.of() : Collections.unmodifiableMap(metrics);
        PrecisionPolicy policy = function.apply(step, epoch, view);
        if (policy == null) {
            throw new IllegalStateException(
                    "schedule function '"
                            + description
                            + "' returned null at step "
                            + step
                            + ", epoch "
                            + epoch);
        }
        return policy;
    }

    @Override
    public String toString() {
        return "function(" + description + ")";
    }
}
