/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

/**
 * The mutable part of a {@link LossScaler}, for checkpoints.
 *
 * @param scale the current scale, positive and finite
 * @param cleanSteps consecutive steps without overflow since the last change of scale, {@code >= 0}
 * @param floor the minimum scale ({@code 0} where the scaler has none), non-negative and finite
 * @param bestLoss the lowest epoch loss seen by a plateau schedule ({@code +Infinity} if none)
 * @param epochsSinceBest epochs since {@code bestLoss} improved, {@code >= 0}
 */
public record LossScalerState(
        float scale, long cleanSteps, float floor, double bestLoss, int epochsSinceBest) {

    /** Validates the fields. */
    public LossScalerState {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (cleanSteps < 0) {
            throw new IllegalArgumentException("cleanSteps must be >= 0, got " + cleanSteps);
        }
        if (!(floor >= 0) || !Float.isFinite(floor)) {
            throw new IllegalArgumentException("floor must be >= 0 and finite, got " + floor);
        }
        if (Double.isNaN(bestLoss)) {
            throw new IllegalArgumentException("bestLoss must not be NaN");
        }
        if (epochsSinceBest < 0) {
            throw new IllegalArgumentException(
                    "epochsSinceBest must be >= 0, got " + epochsSinceBest);
        }
    }

    /**
     * A state with only a scale and a clean-step count.
     *
     * @param scale the scale
     * @param cleanSteps the clean-step count
     * @return the state
     */
    public static LossScalerState of(float scale, long cleanSteps) {
        return new LossScalerState(scale, cleanSteps, 0f, Double.POSITIVE_INFINITY, 0);
    }
}
