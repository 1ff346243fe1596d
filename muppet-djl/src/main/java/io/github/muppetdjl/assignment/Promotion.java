/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

/**
 * One promotion of a tensor group to high precision.
 *
 * @param step the step whose overflow triggered it; the group is high from the next batch on
 * @param group the group's index
 * @param cause what overflowed last, for example {@code ERROR of 04QuantizationSite (saturated=0,
 *     nonFinite=12)}, and how many overflowing steps the window held
 */
public record Promotion(long step, int group, String cause) {

    /** Validates the fields. */
    public Promotion {
        if (step < 0 || group < 0 || cause == null) {
            throw new IllegalArgumentException("step and group must not be negative, cause set");
        }
    }

    @Override
    public String toString() {
        return "step " + step + ": group " + group + " promoted (" + cause + ")";
    }
}
