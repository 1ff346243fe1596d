/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.control;

import java.util.Map;

/**
 * What {@link PrecisionController#afterBackward} sees of one batch: its place in training, whether
 * it is the last of its epoch, and its parameter gradients, divided by the loss scale.
 */
public interface GradientView {

    /**
     * Returns the batches completed before this one.
     *
     * @return the step, at least 0
     */
    long step();

    /**
     * Returns the 0-based epoch of this batch.
     *
     * @return the epoch
     */
    int epoch();

    /**
     * Returns the loss scale this batch's loss was multiplied by.
     *
     * @return the scale, positive
     */
    float lossScale();

    /**
     * Returns whether the optimizer step of this batch is skipped (its gradients overflowed).
     *
     * @return true when skipped
     */
    boolean skipped();

    /**
     * Returns how this batch stands to the end of its epoch, from DJL's batch progress.
     *
     * @return the position
     */
    EpochPosition position();

    /**
     * Copies every trainable parameter's gradient out of the engine, divided by the loss scale,
     * keyed by the parameter's path in the model ({@code block.getParameters()} keys) in the
     * model's parameter order. The copy costs a pass over every gradient: call it only on the
     * batches that need it.
     *
     * @return name to unscaled gradient values (row-major), a new map per call
     */
    Map<String, float[]> unscaledGradients();

    /**
     * Returns the fraction of this batch's samples whose largest prediction is the label (top-1
     * training accuracy), computed on the first call; CPT's precision range test reads it
     * (docs/algorithms.md §6.5).
     *
     * @return the accuracy in [0, 1], or NaN when the batch's predictions or labels are unknown
     */
    default double batchAccuracy() {
        return Double.NaN;
    }

    /** How a batch stands to the end of its epoch. */
    enum EpochPosition {
        /** The batch's progress reaches the data set's total: it is the epoch's last batch. */
        LAST,
        /**
         * Perhaps the last: the total is unknown, or fewer than a batch of samples remain (a
         * sampler that drops the last partial batch stops here).
         */
        MAYBE_LAST,
        /** More batches follow in this epoch. */
        NOT_LAST
    }
}
