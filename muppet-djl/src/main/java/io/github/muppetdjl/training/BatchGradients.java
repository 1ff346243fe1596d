/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
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
    private TrainingListener.BatchData data;
    private double accuracy = -1;

    BatchGradients(
            long step,
            int epoch,
            float lossScale,
            boolean skipped,
            TrainingListener.BatchData data,
            ParameterList parameters) {
        this(step, epoch, lossScale, skipped, data == null ? null : data.getBatch(), parameters);
        this.data = data;
    }

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
    public synchronized double batchAccuracy() {
        if (accuracy < 0) {
            accuracy = top1(data);
        }
        return accuracy;
    }

    /**
     * Top-1 accuracy over every device's share of the batch: argmax of the first prediction array
     * along its last axis (first maximum on ties) against the first label array; NaN when either is
     * missing or their sizes do not match.
     */
    static double top1(TrainingListener.BatchData data) {
        if (data == null || data.getPredictions() == null || data.getLabels() == null) {
            return Double.NaN;
        }
        long correct = 0;
        long total = 0;
        for (Map.Entry<ai.djl.Device, NDList> e : data.getPredictions().entrySet()) {
            NDList labels = data.getLabels().get(e.getKey());
            NDList predictions = e.getValue();
            if (labels == null
                    || labels.isEmpty()
                    || predictions == null
                    || predictions.isEmpty()) {
                return Double.NaN;
            }
            NDArray prediction = predictions.head();
            long[] shape = prediction.getShape().getShape();
            int classes = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
            float[] p = floats(prediction);
            float[] y = floats(labels.head());
            if (classes < 1 || p.length != y.length * (long) classes) {
                return Double.NaN;
            }
            // On the host: a batch's predictions are small, and no engine array is left behind.
            for (int i = 0; i < y.length; i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (p[i * classes + k] > p[i * classes + best]) {
                        best = k;
                    }
                }
                if (best == (int) y[i]) {
                    correct++;
                }
            }
            total += y.length;
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    private static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
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
