/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

/**
 * Builds a {@link MuppetSwitchingPolicy} (obtained from {@link MuppetSwitchingPolicy#builder()});
 * every setting is optional, defaults per docs/algorithms.md §6.1 (Rajagopal et al., ICML 2020).
 */
public final class MuppetSwitchingPolicyBuilder {

    private PrecisionLadder ladder = PrecisionLadder.muppet();
    private int resolution = 3;
    private int patience = 2;
    private double thresholdBase = 1.0;
    private double thresholdScale = 1.5;
    private double thresholdDecay = 0.1;

    MuppetSwitchingPolicyBuilder() {}

    /**
     * Sets the ladder (default {@link PrecisionLadder#muppet()}).
     *
     * @param ladder the ladder
     * @return this builder
     */
    public MuppetSwitchingPolicyBuilder optLadder(PrecisionLadder ladder) {
        this.ladder = ladder;
        return this;
    }

    /**
     * Sets the resolution r (default 3): checks at epochs with {@code (e + 1) mod r == 0}.
     *
     * @param resolution at least 1
     * @return this builder
     */
    public MuppetSwitchingPolicyBuilder optResolution(int resolution) {
        this.resolution = resolution;
        return this;
    }

    /**
     * Sets the patience (default 2): violations at one level that trigger a switch.
     *
     * @param patience at least 1
     * @return this builder
     */
    public MuppetSwitchingPolicyBuilder optPatience(int patience) {
        this.patience = patience;
        return this;
    }

    /**
     * Sets the constants of {@code T(e) = base + scale * exp(-decay * e)} (default 1, 1.5, 0.1).
     *
     * @param base the constant term, finite and at least 0
     * @param scale the factor of the exponential, finite and at least 0
     * @param decay the decay rate, finite and at least 0
     * @return this builder
     */
    public MuppetSwitchingPolicyBuilder optThreshold(double base, double scale, double decay) {
        this.thresholdBase = base;
        this.thresholdScale = scale;
        this.thresholdDecay = decay;
        return this;
    }

    /**
     * Builds the controller at level 0.
     *
     * @return the controller
     * @throws IllegalArgumentException if a setting is out of range
     */
    public MuppetSwitchingPolicy build() {
        return new MuppetSwitchingPolicy(
                new MuppetConfig(
                        ladder,
                        resolution,
                        patience,
                        thresholdBase,
                        thresholdScale,
                        thresholdDecay));
    }
}
