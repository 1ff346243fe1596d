/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;

import io.github.muppetdjl.control.GradientView;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link GradientView} of one batch, copying gradients only when asked. */
final class BatchGradients implements GradientView {

    private final long step;
    private final int epoch;
    private final float lossScale;
    private final boolean skipped;
    private final EpochPosition position;
    private final ParameterList parameters;

    BatchGradients(
            long step,
            int epoch,
            float lossScale,
            boolean skipped,
            Batch batch,
            ParameterList parameters) {
        this.step = step;
        this.epoch = epoch;
        this.lossScale = lossScale;
        this.skipped = skipped;
        this.position = positionOf(batch);
        this.parameters = parameters;
    }

    /**
     * DJL's {@code DataIterable} reports the cumulative sample count as progress and the data set's
     * size as total; a drop-last sampler stops with fewer than a batch left.
     */
    static EpochPosition positionOf(Batch batch) {
        long total = batch == null ? -1 : batch.getProgressTotal();
        long progress = batch == null ? -1 : batch.getProgress();
        if (total > 0 && progress >= total) {
            return EpochPosition.LAST;
        }
        if (total <= 0 || progress < 0 || total - progress < batch.getSize()) {
            return EpochPosition.MAYBE_LAST;
        }
        return EpochPosition.NOT_LAST;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public float lossScale() {
        return lossScale;
    }

    @Override
    public boolean skipped() {
        return skipped;
    }

    @Override
    public EpochPosition position() {
        return position;
    }

    @Override
    public Map<String, float[]> unscaledGradients() {
        Map<String, float[]> out = new LinkedHashMap<>();
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
            out.put(pair.getKey(), g);
        }
        return out;
    }
}
