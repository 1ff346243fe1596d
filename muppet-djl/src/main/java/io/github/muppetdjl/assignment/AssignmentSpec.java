/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import io.github.muppetdjl.control.PrecisionController;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of precision assignment with promotion (docs/algorithms.md §6.6), immutable; each
 * run gets a fresh {@link AssignmentController} from {@link #create()}. Defaults: Lee et al.'s
 * demotion to a low share of 0.9, FP8 low and FP16 high ({@link PrecisionCandidates#DEFAULT}),
 * promotion of a group after more than 1 overflowing step in a window of 100, groups closed after
 * convolutions and dense layers, batch size from the model's input shapes, 2 optimizer-state
 * tensors per parameter (Adam) in the memory report.
 *
 * <p>{@code toString()} is one stable line of every setting.
 */
public final class AssignmentSpec implements PrecisionController.Spec {

    /** How the groups are chosen before training. */
    public enum Mode {
        /** Lee et al.: demote the largest groups until the low share reaches the ratio. */
        LARGEST_FIRST,
        /** The paper's baseline: every group low except the first and the last. */
        ALL_BUT_FIRST_AND_LAST
    }

    private final Mode mode;
    private final double ratio;
    private final PrecisionCandidates candidates;
    private final boolean promote;
    private final int window;
    private final int threshold;
    private final Set<String> closers;
    private final int batchSize;
    private final int stateSlots;

    private AssignmentSpec(Builder b) {
        mode = b.mode;
        ratio = b.ratio;
        candidates = b.candidates;
        promote = b.promote;
        window = b.window;
        threshold = b.threshold;
        closers = Set.copyOf(b.closers);
        batchSize = b.batchSize;
        stateSlots = b.stateSlots;
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AssignmentController create() {
        return new AssignmentController(this);
    }

    Mode mode() {
        return mode;
    }

    double ratio() {
        return ratio;
    }

    PrecisionCandidates candidates() {
        return candidates;
    }

    boolean promote() {
        return promote;
    }

    int window() {
        return window;
    }

    int threshold() {
        return threshold;
    }

    Set<String> closers() {
        return closers;
    }

    int batchSize() {
        return batchSize;
    }

    int stateSlots() {
        return stateSlots;
    }

    @Override
    public String toString() {
        String start =
                mode == Mode.LARGEST_FIRST
                        ? String.format(Locale.ROOT, "ratio=%s", ratio)
                        : "allButFirstAndLast";
        return "assignment("
                + start
                + ", "
                + candidates
                + ", promotion="
                + (promote ? "more than " + threshold + " in " + window + " steps" : "off")
                + ", closers="
                + new TreeSet<>(closers)
                + ", batch="
                + (batchSize > 0 ? Integer.toString(batchSize) : "model")
                + ", stateSlots="
                + stateSlots
                + ")";
    }

    /** Builds an {@link AssignmentSpec}; every setting is optional. */
    public static final class Builder {

        private Mode mode = Mode.LARGEST_FIRST;
        private double ratio = 0.9;
        private PrecisionCandidates candidates = PrecisionCandidates.DEFAULT;
        private boolean promote = true;
        private int window = 100;
        private int threshold = 1;
        private Set<String> closers = TensorGroups.DEFAULT_CLOSERS;
        private int batchSize;
        private int stateSlots = 2;

        Builder() {}

        /**
         * Sets the target low share of tensor elements for Lee et al.'s demotion (default 0.9).
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder optRatio(double value) {
            ratio = value;
            return this;
        }

        /**
         * Starts from the paper's baseline assignment (every group low but the first and the last)
         * instead of demoting by ratio.
         *
         * @return this builder
         */
        public Builder optBaselineAssignment() {
            mode = Mode.ALL_BUT_FIRST_AND_LAST;
            return this;
        }

        /**
         * Sets the low and high precisions (default {@link PrecisionCandidates#DEFAULT}).
         *
         * @param value the candidates
         * @return this builder
         */
        public Builder optCandidates(PrecisionCandidates value) {
            candidates = value;
            return this;
        }

        /**
         * Turns promotion on or off (default on).
         *
         * @param value whether overflowing groups are promoted
         * @return this builder
         */
        public Builder optPromotion(boolean value) {
            promote = value;
            return this;
        }

        /**
         * Sets the promotion rule: a group is promoted when more than {@code threshold} of the last
         * {@code window} steps saw it overflow (default: more than 1 in 100).
         *
         * @param windowSteps the window, at least 1
         * @param thresholdCount the count to exceed, at least 0
         * @return this builder
         */
        public Builder optPromotionRule(int windowSteps, int thresholdCount) {
            window = windowSteps;
            threshold = thresholdCount;
            return this;
        }

        /**
         * Sets the block types after which a group closes (default {@link
         * TensorGroups#DEFAULT_CLOSERS}).
         *
         * @param value DJL block type names
         * @return this builder
         */
        public Builder optClosers(Set<String> value) {
            closers = value;
            return this;
        }

        /**
         * Sets the batch size the group sizes are computed at (default 0: the batch dimension of
         * the model's input shapes, those of the first batch once it ran).
         *
         * @param value at least 0
         * @return this builder
         */
        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * Sets how many FP32 optimizer-state tensors each parameter has, for the memory report
         * (default 2, Adam).
         *
         * @param value at least 0
         * @return this builder
         */
        public Builder optOptimizerStateSlots(int value) {
            stateSlots = value;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if a setting is out of range or null
         */
        public AssignmentSpec build() {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("ratio must be in [0, 1], got " + ratio);
            }
            if (candidates == null || closers == null || closers.isEmpty()) {
                throw new IllegalArgumentException("candidates and a non-empty set of closers");
            }
            if (window < 1 || threshold < 0) {
                throw new IllegalArgumentException(
                        "window must be at least 1 and threshold at least 0, got "
                                + window
                                + " and "
                                + threshold);
            }
            if (batchSize < 0 || stateSlots < 0) {
                throw new IllegalArgumentException("batchSize and stateSlots must not be negative");
            }
            return new AssignmentSpec(this);
        }
    }
}
