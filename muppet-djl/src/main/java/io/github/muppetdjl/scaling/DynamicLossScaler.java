/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

/**
 * Dynamic loss scaling (Micikevicius et al., "Mixed Precision Training", ICLR 2018): start at
 * {@code 2^16}; on any NaN or infinity in the gradients skip the step and multiply the scale by the
 * backoff factor (default 1/2); after {@code growthInterval} consecutive clean steps (default 2000)
 * multiply it by the growth factor (default 2).
 *
 * <p>The scale stays within {@code [minScale, maxScale]}. Our choice, following NVIDIA Apex: the
 * default ceiling is {@code 2^24} (a larger scale only overflows sooner) and the default minimum is
 * {@link Float#MIN_NORMAL}, which merely keeps the scale positive. {@link EnhancedLossScaler} adds
 * a schedulable floor on top.
 *
 * <p>Thread-safe: every method synchronises on the scaler.
 */
public class DynamicLossScaler implements LossScaler {

    /** The default initial scale, {@code 2^16}. */
    public static final float DEFAULT_INITIAL_SCALE = 65536f;

    /** The default number of clean steps before the scale grows. */
    public static final int DEFAULT_GROWTH_INTERVAL = 2000;

    private final float growthFactor;
    private final float backoffFactor;
    private final int growthInterval;
    private final float maxScale;
    private final float minScale;
    private final float initialScale;

    private float scale;
    private long cleanSteps;

    /**
     * Creates a scaler from its builder.
     *
     * @param builder the builder
     */
    protected DynamicLossScaler(Builder builder) {
        this.growthFactor = builder.growthFactor;
        this.backoffFactor = builder.backoffFactor;
        this.growthInterval = builder.growthInterval;
        this.maxScale = builder.maxScale;
        this.minScale = builder.minScale;
        this.initialScale = builder.initialScale;
        this.scale = builder.initialScale;
    }

    /**
     * Returns a builder with the defaults above.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized float scale() {
        return scale;
    }

    @Override
    public synchronized boolean update(boolean overflow) {
        if (overflow) {
            scale = Math.max(scale * backoffFactor, lowerBound());
            cleanSteps = 0;
            return false;
        }
        cleanSteps++;
        if (cleanSteps >= growthInterval) {
            scale = Math.min(scale * growthFactor, maxScale);
            cleanSteps = 0;
        }
        return true;
    }

    /**
     * Returns the lowest scale a backoff may reach; subclasses add a floor.
     *
     * @return the lower bound, positive
     */
    protected float lowerBound() {
        return minScale;
    }

    /**
     * Sets the scale, clamped to {@code [lowerBound(), maxScale]}, and restarts the clean-step
     * count if the scale changed.
     *
     * @param newScale the requested scale
     */
    protected final synchronized void setScale(float newScale) {
        float clamped = Math.min(Math.max(newScale, lowerBound()), maxScale);
        if (clamped != scale) {
            scale = clamped;
            cleanSteps = 0;
        }
    }

    /**
     * Returns the number of consecutive clean steps since the scale last changed.
     *
     * @return the clean-step count
     */
    public synchronized long cleanSteps() {
        return cleanSteps;
    }

    @Override
    public synchronized LossScalerState state() {
        return LossScalerState.of(scale, cleanSteps);
    }

    @Override
    public synchronized void restore(LossScalerState state) {
        this.scale = state.scale();
        this.cleanSteps = state.cleanSteps();
    }

    /**
     * Returns the settings (not the state) in one line, e.g. {@code dynamic(initial=65536.0, growth
     * x2.0 every 2000, backoff x0.5, range [1.0, 1.6777216E7])}.
     */
    @Override
    public String toString() {
        return "dynamic(" + settings() + ")";
    }

    /**
     * Returns the dynamic settings' one-line form, for subclasses' {@code toString()}.
     *
     * @return the settings
     */
    protected String settings() {
        return "initial="
                + initialScale
                + ", growth x"
                + growthFactor
                + " every "
                + growthInterval
                + ", backoff x"
                + backoffFactor
                + ", range ["
                + minScale
                + ", "
                + maxScale
                + "]";
    }

    /** Configures a {@link DynamicLossScaler}; every setting is optional. */
    public static class Builder {

        float initialScale = DEFAULT_INITIAL_SCALE;
        int growthInterval = DEFAULT_GROWTH_INTERVAL;
        float growthFactor = 2f;
        float backoffFactor = 0.5f;
        float maxScale = 16777216f;
        float minScale = Float.MIN_NORMAL;

        /** Creates a builder with the defaults. */
        protected Builder() {}

        /**
         * Sets the initial scale (default {@code 2^16}).
         *
         * @param initialScale positive and finite
         * @return this builder
         */
        public Builder optInitialScale(float initialScale) {
            this.initialScale = initialScale;
            return this;
        }

        /**
         * Sets how many consecutive clean steps make the scale grow (default 2000).
         *
         * @param growthInterval at least 1
         * @return this builder
         */
        public Builder optGrowthInterval(int growthInterval) {
            this.growthInterval = growthInterval;
            return this;
        }

        /**
         * Sets the growth factor (default 2).
         *
         * @param growthFactor greater than 1 and finite
         * @return this builder
         */
        public Builder optGrowthFactor(float growthFactor) {
            this.growthFactor = growthFactor;
            return this;
        }

        /**
         * Sets the backoff factor applied on overflow (default 1/2).
         *
         * @param backoffFactor in (0, 1)
         * @return this builder
         */
        public Builder optBackoffFactor(float backoffFactor) {
            this.backoffFactor = backoffFactor;
            return this;
        }

        /**
         * Sets the largest scale (default {@code 2^24}).
         *
         * @param maxScale positive and finite
         * @return this builder
         */
        public Builder optMaxScale(float maxScale) {
            this.maxScale = maxScale;
            return this;
        }

        /**
         * Sets the smallest scale a backoff may reach (default {@link Float#MIN_NORMAL}).
         *
         * @param minScale positive and finite
         * @return this builder
         */
        public Builder optMinScale(float minScale) {
            this.minScale = minScale;
            return this;
        }

        /** Checks the settings; called by {@link #build()}. */
        protected void validate() {
            requirePositiveFinite("maxScale", maxScale);
            requirePositiveFinite("minScale", minScale);
            if (minScale > maxScale) {
                throw new IllegalArgumentException(
                        "minScale must be <= maxScale (" + maxScale + "), got " + minScale);
            }
            if (!(initialScale >= minScale && initialScale <= maxScale)) {
                throw new IllegalArgumentException(
                        "initialScale must lie in [minScale, maxScale] = ["
                                + minScale
                                + ", "
                                + maxScale
                                + "], got "
                                + initialScale);
            }
            if (growthInterval < 1) {
                throw new IllegalArgumentException(
                        "growthInterval must be >= 1, got " + growthInterval);
            }
            if (!(growthFactor > 1) || !Float.isFinite(growthFactor)) {
                throw new IllegalArgumentException(
                        "growthFactor must be > 1 and finite, got " + growthFactor);
            }
            if (!(backoffFactor > 0 && backoffFactor < 1)) {
                throw new IllegalArgumentException(
                        "backoffFactor must lie in (0, 1), got " + backoffFactor);
            }
        }

        static void requirePositiveFinite(String name, float value) {
            if (!(value > 0) || !Float.isFinite(value)) {
                throw new IllegalArgumentException(
                        name + " must be positive and finite, got " + value);
            }
        }

        /**
         * Builds the scaler.
         *
         * @return the scaler
         * @throws IllegalArgumentException if a setting is out of range
         */
        public DynamicLossScaler build() {
            validate();
            return new DynamicLossScaler(this);
        }
    }
}
