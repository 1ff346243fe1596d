/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

/**
 * A constant loss scale. A step whose gradients overflowed is still skipped (applying it would
 * write NaN or infinity into the weights), but the scale never changes.
 */
public final class StaticLossScaler implements LossScaler {

    private final float scale;

    /**
     * Creates a static scaler.
     *
     * @param scale the constant scale, positive and finite ({@code 1} disables scaling)
     * @throws IllegalArgumentException if the scale is not positive and finite
     */
    public StaticLossScaler(float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        this.scale = scale;
    }

    /**
     * Returns a scaler that does not scale (factor 1) but still skips overflowed steps.
     *
     * @return the identity scaler
     */
    public static StaticLossScaler none() {
        return new StaticLossScaler(1f);
    }

    @Override
    public float scale() {
        return scale;
    }

    @Override
    public boolean update(boolean overflow) {
        return !overflow;
    }

    @Override
    public LossScalerState state() {
        return LossScalerState.of(scale, 0);
    }

    @Override
    public void restore(LossScalerState state) {
        if (state.scale() != scale) {
            throw new IllegalArgumentException(
                    "state.scale must equal this static scale " + scale + ", got " + state.scale());
        }
    }

    @Override
    public String toString() {
        return "static(" + scale + ")";
    }
}
