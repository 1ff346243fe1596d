/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

/**
 * The hyperparameters of {@link MuppetSwitchingPolicy} (Rajagopal et al., ICML 2020;
 * docs/algorithms.md §6.1). Defaults, via {@link MuppetSwitchingPolicy#builder()}: the MuPPET
 * ladder, resolution 3, patience 2, {@code T(e) = 1 + 1.5 exp(-0.1 e)}.
 *
 * @param ladder the precision levels, lowest first
 * @param resolution r: checks run at epochs with {@code (e + 1) mod r == 0}; at least 1
 * @param patience violations at one level that trigger a switch; at least 1
 * @param thresholdBase the constant term of {@code T(e)}; finite and at least 0
 * @param thresholdScale the factor of the exponential in {@code T(e)}; finite and at least 0
 * @param thresholdDecay the decay rate of the exponential in {@code T(e)}; finite and at least 0
 */
public record MuppetConfig(
        PrecisionLadder ladder,
        int resolution,
        int patience,
        double thresholdBase,
        double thresholdScale,
        double thresholdDecay) {

    /** Validates the fields. */
    public MuppetConfig {
        if (ladder == null) {
            throw new IllegalArgumentException("ladder must not be null");
        }
        if (resolution < 1) {
            throw new IllegalArgumentException("resolution must be at least 1, got " + resolution);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        checkNonNegative("thresholdBase", thresholdBase);
        checkNonNegative("thresholdScale", thresholdScale);
        checkNonNegative("thresholdDecay", thresholdDecay);
    }

    private static void checkNonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    field + " must be finite and at least 0, got " + value);
        }
    }

    /**
     * Returns {@code T(e) = base + scale * exp(-decay * e)}; with the defaults {@code T(0) = 2.5}
     * and {@code T(5) = 1.9098}.
     *
     * @param epoch the 0-based epoch of the check
     * @return the threshold on {@code p = maxD / D}
     */
    public double threshold(int epoch) {
        return thresholdBase + thresholdScale * Math.exp(-thresholdDecay * epoch);
    }

    /**
     * Returns whether a check runs at the end of this epoch: {@code (epoch + 1) mod r == 0}.
     *
     * @param epoch the 0-based epoch
     * @return true at epochs r-1, 2r-1, ...
     */
    public boolean isCheckEpoch(int epoch) {
        return (epoch + 1) % resolution == 0;
    }

    /**
     * Returns the configuration in one stable line, e.g. {@code muppet{ladder=[bfp(8)/stochastic >
     * ... > fp32][WEIGHT,ACTIVATION,ERROR,WEIGHT_GRADIENT], resolution=3, patience=2,
     * threshold=1.0+1.5*exp(-0.1*e)}}.
     */
    @Override
    public String toString() {
        return "muppet{ladder="
                + ladder
                + ", resolution="
                + resolution
                + ", patience="
                + patience
                + ", threshold="
                + thresholdBase
                + "+"
                + thresholdScale
                + "*exp(-"
                + thresholdDecay
                + "*e)}";
    }
}
