/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * The two precisions a tensor group can be at, each split into the forward tensors (weights and
 * activations) and the backward tensors (errors and weight gradients).
 *
 * @param lowForward low precision of weights and activations
 * @param lowBackward low precision of errors and weight gradients
 * @param highForward high precision of weights and activations
 * @param highBackward high precision of errors and weight gradients
 */
public record PrecisionCandidates(
        Precision lowForward,
        Precision lowBackward,
        Precision highForward,
        Precision highBackward) {

    /**
     * The default: low is FP8, E4M3 forward (nearest-even, saturating at ±448 as in the {@code
     * fp8-hybrid} recipe) and E5M2 backward (stochastic); high is FP16 with nearest-even rounding.
     */
    public static final PrecisionCandidates DEFAULT =
            new PrecisionCandidates(
                    new Precision(FloatingPoint.FP8_E4M3.withSaturation(), Rounding.NEAREST_EVEN),
                    new Precision(FloatingPoint.FP8_E5M2, Rounding.STOCHASTIC),
                    new Precision(FloatingPoint.FP16, Rounding.NEAREST_EVEN),
                    new Precision(FloatingPoint.FP16, Rounding.NEAREST_EVEN));

    /** Validates the fields. */
    public PrecisionCandidates {
        if (lowForward == null
                || lowBackward == null
                || highForward == null
                || highBackward == null) {
            throw new IllegalArgumentException("all four precisions are required");
        }
    }

    /**
     * Returns the forward precision of a group.
     *
     * @param low whether the group is low
     * @return the precision
     */
    public Precision forward(boolean low) {
        return low ? lowForward : highForward;
    }

    /**
     * Returns the backward precision of a group.
     *
     * @param low whether the group is low
     * @return the precision
     */
    public Precision backward(boolean low) {
        return low ? lowBackward : highBackward;
    }

    @Override
    public String toString() {
        return "low="
                + lowForward
                + "/"
                + lowBackward
                + ", high="
                + highForward
                + "/"
                + highBackward;
    }
}
