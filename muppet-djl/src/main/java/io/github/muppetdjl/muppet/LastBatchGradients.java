/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import io.github.muppetdjl.control.GradientView;
import io.github.muppetdjl.quant.schedule.GradientDiversity;

import java.util.Map;

/**
 * Finds the last batch of each epoch and hands its (unscaled) gradients to a {@link
 * GradientDiversity}, as MuPPET's diversity needs (docs/algorithms.md §6.1). Not thread-safe: DJL
 * calls the training listener from one thread.
 */
final class LastBatchGradients {

    private boolean capturedThisEpoch;
    private Map<String, float[]> retained;

    /**
     * Looks at one batch after its error passes and before the optimizer step.
     *
     * @param batch the batch's view
     * @param sums where the last batch's gradients go
     */
    void onBatch(GradientView batch, GradientDiversity sums) {
        switch (batch.position()) {
            case LAST -> {
                batch.unscaledGradients().forEach(sums::accumulate);
                capturedThisEpoch = true;
                retained = null;
            }
            // Possibly the last batch (unknown total, or a drop-last sampler stops before the
            // total): keep a copy; onEpochEnd uses the most recent one.
            case MAYBE_LAST -> retained = batch.unscaledGradients();
            case NOT_LAST -> retained = null;
        }
    }

    /**
     * Ends an epoch: if no batch was recognised as the last, the most recent retained copy is
     * accumulated.
     *
     * @param sums where the gradients go
     */
    void onEpochEnd(GradientDiversity sums) {
        if (!capturedThisEpoch && retained != null) {
            retained.forEach(sums::accumulate);
        }
        clear();
    }

    /** Forgets the epoch's progress (also when collection stops). */
    void clear() {
        capturedThisEpoch = false;
        retained = null;
    }
}
