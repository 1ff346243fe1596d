/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;

import io.github.muppetdjl.quant.schedule.GradientDiversity;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the last batch of each epoch and hands its (unscaled) gradients to a {@link
 * GradientDiversity}, as MuPPET's diversity needs (docs/algorithms.md §6.1). Not thread-safe: DJL
 * calls the training listener from one thread.
 */
final class LastBatchGradients {

    /** One parameter's gradient, copied out of the engine. */
    private record Copy(String name, float[] values) {}

    private boolean capturedThisEpoch;
    private List<Copy> retained;

    /**
     * Looks at one batch after its error passes and before the optimizer step.
     *
     * @param batch the batch ({@code null} if DJL did not provide it: treated as unknown)
     * @param parameters the model's parameters
     * @param lossScale the scale this batch's loss was multiplied by
     * @param sums where the last batch's gradients go
     */
    void onBatch(Batch batch, ParameterList parameters, float lossScale, GradientDiversity sums) {
        long total = batch == null ? -1 : batch.getProgressTotal();
        long progress = batch == null ? -1 : batch.getProgress();
        if (total > 0 && progress >= total) {
            for (Copy c : copy(parameters, lossScale)) {
                sums.accumulate(c.name(), c.values());
            }
            capturedThisEpoch = true;
            retained = null;
        } else if (total <= 0 || progress < 0 || total - progress < batch.getSize()) {
            // Possibly the last batch (unknown total, or a drop-last sampler stops before the
            // total): keep a copy; onEpochEnd uses the most recent one.
            retained = copy(parameters, lossScale);
        } else {
            retained = null;
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
            for (Copy c : retained) {
                sums.accumulate(c.name(), c.values());
            }
        }
        clear();
    }

    /** Forgets the epoch's progress (also when collection stops). */
    void clear() {
        capturedThisEpoch = false;
        retained = null;
    }

    private static List<Copy> copy(ParameterList parameters, float lossScale) {
        List<Copy> out = new ArrayList<>();
        for (Pair<String, Parameter> pair : parameters) {
            Parameter p = pair.getValue();
            if (!p.isInitialized() || !p.requiresGradient()) {
                continue;
            }
            NDArray weight = p.getArray();
            if (!weight.hasGradient()) {
                continue;
            }
            float[] g;
            try (NDArray grad = weight.getGradient()) {
                g = grad.toFloatArray();
            }
            if (lossScale != 1f) {
                for (int i = 0; i < g.length; i++) {
                    g[i] /= lossScale;
                }
            }
            out.add(new Copy(pair.getKey(), g));
        }
        return out;
    }
}
