/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Enhanced loss scaling for FP8 training (Mellempudi et al., "Mixed Precision Training With 8-bit
 * Floating Point", 2019): {@link DynamicLossScaler} plus a floor the scale never falls below. FP8
 * gradients underflow long before they overflow, so the paper raises the minimum scale as training
 * goes on; raising the floor lifts the scale to at least the floor at once.
 *
 * <p>Two schedules raise the floor, both driven by {@link #onEpochEnd(int, double)}:
 *
 * <ul>
 *   <li>by epoch: a map {@code epoch -> floor}; the floor of epoch {@code e} is the entry with the
 *       greatest key {@code <= e}. Our choice: {@code onEpochEnd(e, ...)} applies the floor of the
 *       next epoch, {@code e + 1}; the entry for epoch 0 applies at construction.
 *   <li>on plateau: when the epoch loss has not improved on the best seen by more than a relative
 *       {@code minDelta} for {@code patience} epochs, the floor is multiplied by a factor and the
 *       count restarts. A NaN loss counts as no improvement.
 * </ul>
 *
 * <p>The floor only ever rises: a schedule entry below the current floor is ignored.
 */
public final class EnhancedLossScaler extends DynamicLossScaler {

    private final NavigableMap<Integer, Float> floorByEpoch;
    private final int plateauPatience;
    private final float plateauFactor;
    private final double plateauMinDelta;
    private final float initialFloor;

    private float floor;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int epochsSinceBest;

    private EnhancedLossScaler(Builder builder) {
        super(builder);
        this.floorByEpoch = new TreeMap<>(builder.floorByEpoch);
        this.plateauPatience = builder.plateauPatience;
        this.plateauFactor = builder.plateauFactor;
        this.plateauMinDelta = builder.plateauMinDelta;
        this.floor = builder.floor;
        this.initialFloor = builder.floor;
        Map.Entry<Integer, Float> first = floorByEpoch.floorEntry(0);
        if (first != null) {
            raiseFloor(first.getValue());
        }
        setScale(scale());
    }

    /**
     * Returns a builder: dynamic defaults, floor 1, no schedule.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the current floor.
     *
     * @return the minimum scale
     */
    public synchronized float floor() {
        return floor;
    }

    /**
     * Raises the floor to {@code newFloor} (a lower value is ignored) and lifts the scale to at
     * least the floor.
     *
     * @param newFloor the requested floor, positive and finite
     * @throws IllegalArgumentException if {@code newFloor} is not positive and finite
     */
    public synchronized void raiseFloor(float newFloor) {
        Builder.requirePositiveFinite("newFloor", newFloor);
        if (newFloor > floor) {
            floor = newFloor;
        }
        setScale(scale());
    }

    /**
     * Applies the schedules at the end of an epoch.
     *
     * @param epoch the epoch that just ended, counted from 0
     * @param trainLoss its (unscaled) training loss
     */
    public synchronized void onEpochEnd(int epoch, double trainLoss) {
        Map.Entry<Integer, Float> entry = floorByEpoch.floorEntry(epoch + 1);
        if (entry != null) {
            raiseFloor(entry.getValue());
        }
        if (plateauPatience <= 0) {
            return;
        }
        if (!Double.isNaN(trainLoss)
                && (bestLoss == Double.POSITIVE_INFINITY
                        || trainLoss < bestLoss - plateauMinDelta * Math.abs(bestLoss))) {
            bestLoss = trainLoss;
            epochsSinceBest = 0;
            return;
        }
        epochsSinceBest++;
        if (epochsSinceBest >= plateauPatience) {
            raiseFloor(Math.min(floor * plateauFactor, Float.MAX_VALUE));
            epochsSinceBest = 0;
        }
    }

    @Override
    protected synchronized float lowerBound() {
        return Math.max(super.lowerBound(), floor);
    }

    @Override
    public synchronized LossScalerState state() {
        return new LossScalerState(scale(), cleanSteps(), floor, bestLoss, epochsSinceBest);
    }

    @Override
    public synchronized void restore(LossScalerState state) {
        super.restore(state);
        this.floor = state.floor();
        this.bestLoss = state.bestLoss();
        this.epochsSinceBest = state.epochsSinceBest();
    }

    /** Returns the settings (not the state) in one line. */
    @Override
    public String toString() {
        return "enhanced("
                + settings()
                + ", floor="
                + initialFloor
                + ", floorByEpoch="
                + floorByEpoch
                + ", plateau "
                + plateauPatience
                + " epochs x"
                + plateauFactor
                + " (min delta "
                + plateauMinDelta
                + "))";
    }

    /** Configures an {@link EnhancedLossScaler}; every setting is optional. */
    public static final class Builder extends DynamicLossScaler.Builder {

        float floor = 1f;
        NavigableMap<Integer, Float> floorByEpoch = new TreeMap<>();
        int plateauPatience;
        float plateauFactor = 2f;
        double plateauMinDelta = 1e-3;

        Builder() {}

        @Override
        public Builder optInitialScale(float initialScale) {
            super.optInitialScale(initialScale);
            return this;
        }

        @Override
        public Builder optGrowthInterval(int growthInterval) {
            super.optGrowthInterval(growthInterval);
            return this;
        }

        @Override
        public Builder optGrowthFactor(float growthFactor) {
            super.optGrowthFactor(growthFactor);
            return this;
        }

        @Override
        public Builder optBackoffFactor(float backoffFactor) {
            super.optBackoffFactor(backoffFactor);
            return this;
        }

        @Override
        public Builder optMaxScale(float maxScale) {
            super.optMaxScale(maxScale);
            return this;
        }

        @Override
        public Builder optMinScale(float minScale) {
            super.optMinScale(minScale);
            return this;
        }

        /**
         * Sets the initial floor (default 1).
         *
         * @param floor positive and finite
         * @return this builder
         */
        public Builder optFloor(float floor) {
            this.floor = floor;
            return this;
        }

        /**
         * Sets the floor schedule by epoch: from epoch {@code key} on, the floor is at least {@code
         * value}.
         *
         * @param schedule epoch (from 0) to floor
         * @return this builder
         */
        public Builder optFloorByEpoch(Map<Integer, Float> schedule) {
            this.floorByEpoch = new TreeMap<>(schedule);
            return this;
        }

        /**
         * Raises the floor by {@code factor} whenever the epoch loss has not improved by a relative
         * {@code minDelta} for {@code patience} epochs.
         *
         * @param patience epochs without improvement, at least 1
         * @param factor multiplier of the floor, greater than 1
         * @param minDelta the relative improvement that counts, in [0, 1)
         * @return this builder
         */
        public Builder optRaiseOnPlateau(int patience, float factor, double minDelta) {
            this.plateauPatience = patience;
            this.plateauFactor = factor;
            this.plateauMinDelta = minDelta;
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            requirePositiveFinite("floor", floor);
            if (floor > maxScale) {
                throw new IllegalArgumentException(
                        "floor must be <= maxScale (" + maxScale + "), got " + floor);
            }
            for (Map.Entry<Integer, Float> e : floorByEpoch.entrySet()) {
                if (e.getKey() == null || e.getKey() < 0) {
                    throw new IllegalArgumentException(
                            "floorByEpoch keys must be epochs >= 0, got " + e.getKey());
                }
                requirePositiveFinite("floorByEpoch[" + e.getKey() + "]", e.getValue());
            }
            if (plateauPatience < 0) {
                throw new IllegalArgumentException(
                        "plateau patience must be >= 1 (or unset), got " + plateauPatience);
            }
            if (!(plateauFactor > 1) || !Float.isFinite(plateauFactor)) {
                throw new IllegalArgumentException(
                        "plateau factor must be > 1 and finite, got " + plateauFactor);
            }
            if (!(plateauMinDelta >= 0 && plateauMinDelta < 1)) {
                throw new IllegalArgumentException(
                        "plateau minDelta must lie in [0, 1), got " + plateauMinDelta);
            }
        }

        @Override
        public EnhancedLossScaler build() {
            validate();
            return new EnhancedLossScaler(this);
        }
    }
}
