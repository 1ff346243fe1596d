/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.cpt;

import io.github.muppetdjl.quant.schedule.PrecisionRangeTest;

/**
 * The settings of CPT (docs/algorithms.md §6.5), immutable: forward bounds (given, or {@code bMin}
 * from the precision range test and {@code bMax} given), the backward width, the number of cycles N
 * and the run's length in iterations, from which the period {@code T = floor(iterations / N)}
 * follows.
 *
 * <p>Our choice: when the run's length is not given the period is {@value #DEFAULT_PERIOD}
 * iterations, the paper's CIFAR-10 period (160 epochs of 391 iterations over 32 cycles). When the
 * range test runs, the cycles start after it and share the remaining iterations.
 *
 * <p>{@code toString()} is one stable line, e.g. {@code cpt{bits=prt..8, prt{from=2, max=8,
 * window=20, threshold=0.05}, backwardBits=8, cycles=32, iterations=1407}}.
 */
public final class CptConfig {

    /** The period used when the run's length is unknown. */
    public static final long DEFAULT_PERIOD = 2000;

    private final int minBits;
    private final int maxBits;
    private final int backwardBits;
    private final int cycles;
    private final long totalIterations;
    private final PrecisionRangeTest.Config rangeTest;

    private CptConfig(Builder b) {
        minBits = b.minBits;
        maxBits = b.maxBits;
        backwardBits = b.backwardBits;
        cycles = b.cycles;
        totalIterations = b.totalIterations;
        rangeTest =
                minBits > 0
                        ? null
                        : new PrecisionRangeTest.Config(
                                b.prtStart, maxBits, b.prtWindow, b.prtThreshold);
    }

    /**
     * Returns a builder with the paper's defaults: bounds from the range test, {@code bMax = 8}, 8
     * backward bits, 32 cycles.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the given lower bound.
     *
     * @return {@code bMin}, or 0 when the range test finds it
     */
    public int minBits() {
        return minBits;
    }

    /**
     * Returns the upper bound, the static baseline's width.
     *
     * @return {@code bMax}
     */
    public int maxBits() {
        return maxBits;
    }

    /**
     * Returns the constant backward (error) width.
     *
     * @return {@code b_bw}
     */
    public int backwardBits() {
        return backwardBits;
    }

    /**
     * Returns the number of cycles N.
     *
     * @return N
     */
    public int cycles() {
        return cycles;
    }

    /**
     * Returns the run's length.
     *
     * @return iterations, or 0 when unknown
     */
    public long totalIterations() {
        return totalIterations;
    }

    /**
     * Returns the range test's settings.
     *
     * @return the settings, or null when the bounds are given
     */
    public PrecisionRangeTest.Config rangeTest() {
        return rangeTest;
    }

    /**
     * Returns the period of the cycles that start after {@code start} iterations.
     *
     * @param start iterations used before the cycles (the range test's)
     * @return {@code floor((iterations - start) / N)}, at least 1; {@value #DEFAULT_PERIOD} when
     *     the length is unknown
     */
    public long period(long start) {
        if (totalIterations <= 0) {
            return DEFAULT_PERIOD;
        }
        return Math.max(1, (totalIterations - start) / cycles);
    }

    @Override
    public String toString() {
        return "cpt{bits="
                + (rangeTest == null ? String.valueOf(minBits) : "prt")
                + ".."
                + maxBits
                + (rangeTest == null ? "" : ", " + rangeTest)
                + ", backwardBits="
                + backwardBits
                + ", cycles="
                + cycles
                + ", iterations="
                + (totalIterations > 0 ? String.valueOf(totalIterations) : "unknown")
                + "}";
    }

    /** Builds a {@link CptConfig}; every setting is optional. */
    public static final class Builder {

        private int minBits;
        private int maxBits = 8;
        private int backwardBits = 8;
        private int cycles = 32;
        private long totalIterations;
        private int prtStart = PrecisionRangeTest.Config.DEFAULT.startBits();
        private int prtWindow = PrecisionRangeTest.Config.DEFAULT.window();
        private double prtThreshold = PrecisionRangeTest.Config.DEFAULT.threshold();

        private Builder() {}

        /**
         * Gives both forward bounds, skipping the precision range test.
         *
         * @param min {@code bMin}, in [1, max]
         * @param max {@code bMax}, at most 24
         * @return this builder
         */
        public Builder optBounds(int min, int max) {
            if (min < 1) {
                throw new IllegalArgumentException("min must be at least 1, got " + min);
            }
            minBits = min;
            maxBits = max;
            return this;
        }

        /**
         * Sets {@code bMax} (default 8) and lets the precision range test find {@code bMin}.
         *
         * @param max {@code bMax}, in [2, 24]
         * @return this builder
         */
        public Builder optMaxBits(int max) {
            minBits = 0;
            maxBits = max;
            return this;
        }

        /**
         * Sets the precision range test (used when no bounds are given).
         *
         * @param startBits the first width tried (default 2)
         * @param window iterations per width (default 20)
         * @param threshold the accuracy gain that marks {@code bMin} (default 0.05)
         * @return this builder
         */
        public Builder optRangeTest(int startBits, int window, double threshold) {
            prtStart = startBits;
            prtWindow = window;
            prtThreshold = threshold;
            return this;
        }

        /**
         * Sets the error width (default 8).
         *
         * @param bits in [1, 24]
         * @return this builder
         */
        public Builder optBackwardBits(int bits) {
            backwardBits = bits;
            return this;
        }

        /**
         * Sets the number of cycles N (default 32).
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optCycles(int value) {
            cycles = value;
            return this;
        }

        /**
         * Sets the run's length, from which the period follows (default: unknown, period {@value
         * CptConfig#DEFAULT_PERIOD}).
         *
         * @param value iterations, at least 0 (0: unknown)
         * @return this builder
         */
        public Builder optTotalIterations(long value) {
            totalIterations = value;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException if a setting is out of range
         */
        public CptConfig build() {
            if (maxBits < Math.max(minBits, 1) || maxBits > 24) {
                throw new IllegalArgumentException(
                        "bounds must satisfy 1 <= bMin <= bMax <= 24, got "
                                + minBits
                                + ".."
                                + maxBits);
            }
            if (backwardBits < 1 || backwardBits > 24) {
                throw new IllegalArgumentException(
                        "backwardBits must be in [1, 24], got " + backwardBits);
            }
            if (cycles < 1) {
                throw new IllegalArgumentException("cycles must be at least 1, got " + cycles);
            }
            if (totalIterations < 0) {
                throw new IllegalArgumentException(
                        "totalIterations must be at least 0, got " + totalIterations);
            }
            // Validates the range test's settings now rather than when training starts.
            return new CptConfig(this);
        }
    }
}
