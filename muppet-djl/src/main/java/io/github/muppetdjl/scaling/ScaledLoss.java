/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Loss} that back-propagates {@code base loss × scale} while every reported value stays
 * unscaled.
 *
 * <p>{@code EasyTrain} back-propagates whatever {@link #evaluate(NDList, NDList)} returns, so that
 * is scaled by the {@link LossScaler}'s current factor. DJL's listeners (evaluator, logging,
 * divergence check) read losses only through the accumulator methods ({@link
 * #updateAccumulators(String[], NDList, NDList)}, {@link #getAccumulator(String)}), which this
 * class feeds with the unscaled base loss, so logs, metrics and training results show the unscaled
 * loss. The name is the base loss's, so metric names do not change when a loop adopts loss scaling.
 */
public final class ScaledLoss extends Loss {

    private final Loss base;
    private final LossScaler scaler;
    private final Map<String, Float> totalLoss = new ConcurrentHashMap<>();
    private final LongAdder nonFiniteBatches = new LongAdder();

    /**
     * Wraps a loss.
     *
     * @param base the loss to scale
     * @param scaler where the scale comes from
     */
    public ScaledLoss(Loss base, LossScaler scaler) {
        super(requireBase(base).getName());
        if (scaler == null) {
            throw new IllegalArgumentException("scaler must not be null");
        }
        this.base = base;
        this.scaler = scaler;
    }

    private static Loss requireBase(Loss base) {
        if (base == null) {
            throw new IllegalArgumentException("base loss must not be null");
        }
        return base;
    }

    /**
     * Returns the wrapped loss.
     *
     * @return the base loss
     */
    public Loss getBase() {
        return base;
    }

    /**
     * Returns the scaler.
     *
     * @return the scaler
     */
    public LossScaler getScaler() {
        return scaler;
    }

    /**
     * Returns the base loss multiplied by the current scale: the value to back-propagate.
     *
     * @param labels the labels
     * @param predictions the predictions
     * @return the scaled loss
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray loss = base.evaluate(labels, predictions);
        float scale = scaler.scale();
        if (scale == 1f) {
            return loss;
        }
        NDArray scaled = loss.mul(scale);
        loss.close();
        return scaled;
    }

    /**
     * Returns the unscaled base loss.
     *
     * @param labels the labels
     * @param predictions the predictions
     * @return the base loss
     */
    public NDArray evaluateUnscaled(NDList labels, NDList predictions) {
        return base.evaluate(labels, predictions);
    }

    @Override
    public void addAccumulator(String key) {
        totalInstances.put(key, 0L);
        totalLoss.put(key, 0f);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        updateAccumulators(new String[] {key}, labels, predictions);
    }

    /**
     * Adds the unscaled base loss of one batch to the accumulators. A batch whose loss is NaN or
     * infinite is not added but counted ({@link #nonFiniteBatches()}): its step is skipped by loss
     * scaling, and one such batch would otherwise turn the epoch's reported loss into NaN (and trip
     * DJL's divergence check) although training recovered.
     *
     * @param keys the accumulator keys
     * @param labels the labels
     * @param predictions the predictions
     */
    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        float value;
        try (NDArray loss = base.evaluate(labels, predictions);
                NDArray sum = loss.sum()) {
            value = sum.getFloat();
        }
        if (!Float.isFinite(value)) {
            nonFiniteBatches.increment();
            return;
        }
        for (String key : keys) {
            totalInstances.compute(key, (k, v) -> v == null ? 1L : v + 1);
            totalLoss.compute(key, (k, v) -> v == null ? value : v + value);
        }
    }

    @Override
    public void resetAccumulator(String key) {
        totalInstances.put(key, 0L);
        totalLoss.put(key, 0f);
    }

    /**
     * Returns the mean unscaled loss of the accumulated batches, NaN if none.
     *
     * @param key the accumulator key
     * @return the mean loss
     * @throws IllegalArgumentException if the key was never added
     */
    @Override
    public float getAccumulator(String key) {
        Long total = totalInstances.get(key);
        if (total == null) {
            throw new IllegalArgumentException("No loss found at that path: " + key);
        }
        return total == 0 ? Float.NaN : totalLoss.get(key) / total;
    }

    /**
     * Returns how many batches had a non-finite loss and were left out of the accumulators.
     *
     * @return the count
     */
    public long nonFiniteBatches() {
        return nonFiniteBatches.sum();
    }

    @Override
    public String toString() {
        return "scaled(" + base.getName() + ", " + scaler + ")";
    }
}
