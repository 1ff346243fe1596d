/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * A {@link Loss} that back-propagates {@code base loss × scale} while every reported value stays
 * unscaled.
 *
 * <p>{@code EasyTrain} back-propagates whatever {@link #evaluate(NDList, NDList)} returns, so that
 * is scaled by the {@link LossScaler}'s current factor. DJL's listeners and {@code
 * EasyTrain.evaluateDataset} read losses through the accumulator methods ({@link
 * #updateAccumulators(String[], NDList, NDList)}, {@link #getAccumulator(String)}), which this
 * class delegates to the base loss, so logs, metrics and training results show the unscaled loss.
 * The name is the base loss's, so metric names do not change when a loop adopts loss scaling.
 */
public final class ScaledLoss extends Loss {

    private final Loss base;
    private final LossScaler scaler;

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
        base.addAccumulator(key);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        base.updateAccumulator(key, labels, predictions);
    }

    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        base.updateAccumulators(keys, labels, predictions);
    }

    @Override
    public void resetAccumulator(String key) {
        base.resetAccumulator(key);
    }

    @Override
    public float getAccumulator(String key) {
        return base.getAccumulator(key);
    }

    @Override
    public String toString() {
        return "scaled(" + base.getName() + ", " + scaler + ")";
    }
}
