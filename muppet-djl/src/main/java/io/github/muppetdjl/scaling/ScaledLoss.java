/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p><b>Non-finite batch losses and DJL's default listeners.</b> A batch whose loss is NaN or
 * infinite has non-finite gradients, so the loss-scaling protocol skips its step (the weights keep
 * every bit) and a dynamic scaler backs off. Such a batch is counted ({@link #nonFiniteBatches()})
 * and left out of the accumulated means, so one overflow neither turns the epoch's loss into NaN
 * nor stops training: for an accumulator that took in only such batches since its last reset (DJL's
 * per-batch {@code train/all}), {@link #getAccumulator(String)} returns {@code +Infinity} rather
 * than NaN, which DJL's {@code DivergenceCheckTrainingListener} (part of {@code
 * TrainingListener.Defaults.basic()}) would treat as a diverged run. A skipped step cannot change
 * the weights, so a loss that stays non-finite batch after batch will not recover: once more than
 * {@link #maxConsecutiveNonFinite()} batches in a row had a non-finite loss, every accumulator that
 * took in such a batch reports NaN, as DJL's own losses do, and the divergence check stops training
 * as it would without loss scaling. The same happens, a few batches later, where no loss-scaling
 * protocol skips the step and a non-finite gradient reached the weights.
 */
public final class ScaledLoss extends Loss {

    /** How many batches in a row may have a non-finite loss before the run counts as diverged. */
    public static final int DEFAULT_MAX_CONSECUTIVE_NON_FINITE = 10;

    private final Loss base;
    private final LossScaler scaler;
    private final Map<String, Float> totalLoss = new ConcurrentHashMap<>();
    private final Map<String, Long> nonFiniteSinceReset = new ConcurrentHashMap<>();
    private final LongAdder nonFiniteBatches = new LongAdder();
    private final AtomicLong consecutiveNonFinite = new AtomicLong();
    private final int maxConsecutiveNonFinite;

    /**
     * Wraps a loss; more than {@link #DEFAULT_MAX_CONSECUTIVE_NON_FINITE} non-finite batch losses
     * in a row count as divergence.
     *
     * @param base the loss to scale
     * @param scaler where the scale comes from
     */
    public ScaledLoss(Loss base, LossScaler scaler) {
        this(base, scaler, DEFAULT_MAX_CONSECUTIVE_NON_FINITE);
    }

    /**
     * Wraps a loss.
     *
     * @param base the loss to scale
     * @param scaler where the scale comes from
     * @param maxConsecutiveNonFinite how many batches in a row may have a non-finite loss (their
     *     steps skipped) before the accumulators report NaN, at least 0; 0 reports the first one,
     *     as DJL's own losses do
     */
    public ScaledLoss(Loss base, LossScaler scaler, int maxConsecutiveNonFinite) {
        super(requireBase(base).getName());
        if (scaler == null) {
            throw new IllegalArgumentException("scaler must not be null");
        }
        if (maxConsecutiveNonFinite < 0) {
            throw new IllegalArgumentException(
                    "maxConsecutiveNonFinite must be >= 0, got " + maxConsecutiveNonFinite);
        }
        this.base = base;
        this.scaler = scaler;
        this.maxConsecutiveNonFinite = maxConsecutiveNonFinite;
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
        nonFiniteSinceReset.put(key, 0L);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        updateAccumulators(new String[] {key}, labels, predictions);
    }

    /**
     * Adds the unscaled base loss of one batch to the accumulators. A batch whose loss is NaN or
     * infinite is not added but counted ({@link #nonFiniteBatches()}): its step is skipped by loss
     * scaling, and one such batch would otherwise turn the epoch's reported loss into NaN (and trip
     * DJL's divergence check) although training recovered. See the class comment for when such
     * batches count as divergence.
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
            consecutiveNonFinite.incrementAndGet();
            for (String key : keys) {
                nonFiniteSinceReset.merge(key, 1L, Long::sum);
            }
            return;
        }
        consecutiveNonFinite.set(0);
        for (String key : keys) {
            totalInstances.compute(key, (k, v) -> v == null ? 1L : v + 1);
            totalLoss.compute(key, (k, v) -> v == null ? value : v + value);
        }
    }

    @Override
    public void resetAccumulator(String key) {
        totalInstances.put(key, 0L);
        totalLoss.put(key, 0f);
        nonFiniteSinceReset.put(key, 0L);
    }

    /**
     * Returns the mean unscaled loss of the accumulated batches with a finite loss. Where there are
     * none, returns {@code +Infinity} if the accumulator took in batches with a non-finite loss
     * (steps the loss scaling skipped) and NaN if it took in nothing. Returns NaN, as DJL's own
     * losses do, once the run has diverged (more than {@link #maxConsecutiveNonFinite()} non-finite
     * batch losses in a row, the latest included) for every accumulator that took in one of them.
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
        long nonFinite = nonFiniteSinceReset.getOrDefault(key, 0L);
        if (nonFinite > 0 && hasDiverged()) {
            return Float.NaN;
        }
        if (total == 0) {
            return nonFinite > 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        }
        return totalLoss.get(key) / total;
    }

    /**
     * Returns whether more than {@link #maxConsecutiveNonFinite()} batches in a row, the latest
     * included, had a non-finite loss: skipped steps leave the weights as they were, so such a run
     * is not expected to recover.
     *
     * @return whether the run has diverged
     */
    public boolean hasDiverged() {
        return consecutiveNonFinite.get() > maxConsecutiveNonFinite;
    }

    /**
     * Returns how many batches in a row may have a non-finite loss before the run counts as
     * diverged.
     *
     * @return the limit, at least 0
     */
    public int maxConsecutiveNonFinite() {
        return maxConsecutiveNonFinite;
    }

    /**
     * Returns how many of the latest batches in a row had a non-finite loss (0 if the latest loss
     * was finite).
     *
     * @return the count
     */
    public long consecutiveNonFiniteBatches() {
        return consecutiveNonFinite.get();
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
