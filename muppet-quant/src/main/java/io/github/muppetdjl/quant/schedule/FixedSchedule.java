/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.Map;

/**
 * A schedule that always answers the same policy.
 *
 * @param policy the policy
 */
public record FixedSchedule(PrecisionPolicy policy) implements PrecisionSchedule {

    /** Validates the field. */
    public FixedSchedule {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
    }

    @Override
    public PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics) {
        return policy;
    }

    @Override
    public String toString() {
        return "fixed(" + policy + ")";
    }
}
