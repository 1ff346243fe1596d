/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.StaticLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

/**
 * MuPPET precision-switching training (Rajagopal et al., "Multi-Precision Policy Enforced
 * Training", ICML 2020; docs/algorithms.md §6.1) for a standard DJL loop. It owns a {@link
 * QuantizedTraining} whose policy is the current level of a {@link MuppetSwitchingPolicy} (by
 * default the ladder BFP 8 → 12 → 14 → 16 → FP32, stochastic rounding, resolution 3, patience 2).
 * Adoption stays three lines:
 *
 * <pre>{@code
 * MuppetTraining mt = MuppetTraining.builder().optSeed(42).build();
 * DefaultTrainingConfig config = new DefaultTrainingConfig(mt.wrapLoss(loss))
 *         .optOptimizer(mt.wrap(adam))
 *         .addTrainingListeners(mt.listener());
 * }</pre>
 *
 * <p>What {@link #listener()} does, epochs numbered from 0 in the order DJL calls {@code onEpoch}:
 *
 * <ol>
 *   <li>every batch: everything the {@link QuantizedTraining} listener does (error passes, loss
 *       scaling, step announcement, statistics, policy application for the next batch);
 *   <li>on the last batch of each epoch, after the error backward passes and before the optimizer
 *       step, it adds each parameter's gradient, divided by the loss scale of that batch, to the
 *       policy's {@link MuppetSwitchingPolicy#gradientDiversity() gradient-diversity} sums, one
 *       entry per parameter tensor (keyed by the parameter's path in the block, so the sums survive
 *       a checkpoint into a freshly built model). The last batch is the one whose {@code
 *       Batch.getProgress()} reaches {@code getProgressTotal()} (DJL's {@code DataIterable} reports
 *       the cumulative sample count and the dataset size). Fallback when the total is unknown
 *       ({@code <= 0}) or a batch could be the last of a drop-last sampler ({@code total - progress
 *       < batch size}): a copy of that batch's gradients is kept, and at the end of the epoch the
 *       most recent copy is used if no batch was recognised as the last;
 *   <li>at the end of epoch {@code e} it calls {@link MuppetSwitchingPolicy#onEpochEnd(int)}
 *       (checks at {@code (e + 1) mod r == 0}); on a switch it applies the new level's policy to
 *       the controller and to every site at once, so all of epoch {@code e + 1} trains at the new
 *       level;
 *   <li>entering FP32 copies the master weights into the model ({@link
 *       QuantizedOptimizer#syncMasterToModel}); from then on the policy is FP32 everywhere and no
 *       gradients are collected.
 * </ol>
 *
 * <p>A batch whose step the loss scaler skipped (non-finite gradients) still counts as the epoch's
 * last batch; its non-finite gradients make {@code D} NaN, and the policy skips that check.
 *
 * <p>Note on the resolution: with {@code r = 1} every check sees one gradient per tensor, whose
 * diversity is exactly 1, so {@code D} never falls below {@code maxD} and nothing ever switches;
 * {@code r >= 2} is needed for switching.
 *
 * <p>Resuming: {@link io.github.muppetdjl.checkpoint.Checkpoints} saves and restores this object's
 * whole state together with the model; with the same seed, configuration and data order the resumed
 * run is bit-identical to an uninterrupted one.
 */
public final class MuppetTraining {

    private final MuppetSwitchingPolicy switching;
    private final QuantizedTraining training;
    private final MuppetTrainingListener listener;

    private MuppetTraining(Builder b) {
        switching = b.switching != null ? b.switching : MuppetSwitchingPolicy.builder().build();
        training =
                QuantizedTraining.builder()
                        .setPolicy(switching.currentPolicy())
                        .optSeed(b.seed)
                        .optQuantizer(b.quantizer)
                        .optLossScaler(b.lossScaler)
                        .optRecordMetrics(b.recordMetrics)
                        .build();
        listener = new MuppetTrainingListener(this);
    }

    /**
     * Returns a builder with the defaults of docs/algorithms.md §6.1.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the quantised-training controller this object drives (its policy is replaced on every
     * switch).
     *
     * @return the controller
     */
    public QuantizedTraining training() {
        return training;
    }

    /**
     * Wraps an optimizer so that weights, weight gradients and master weights follow the current
     * level ({@link QuantizedTraining#wrap(Optimizer)}). To make a resumed run identical, give the
     * inner optimizer {@code optBeginNumUpdate(step)} with the checkpoint's step.
     *
     * @param inner any DJL optimizer, or a {@code QuantizedAdam}/{@code QuantizedSgd} (whose state
     *     checkpoints can save)
     * @return the wrapper to give to the training config
     */
    public QuantizedOptimizer wrap(Optimizer inner) {
        return training.wrap(inner);
    }

    /**
     * Wraps a loss for loss scaling ({@link QuantizedTraining#wrapLoss(Loss)}).
     *
     * @param base the loss
     * @return the scaled loss
     */
    public Loss wrapLoss(Loss base) {
        return training.wrapLoss(base);
    }

    /**
     * Returns the one listener to add: it includes the quantised-training listener and the MuPPET
     * logic. Do not add {@code training().listener()} as well.
     *
     * @return the listener
     */
    public TrainingListener listener() {
        return listener;
    }

    /**
     * Returns the switching policy (level, diversity trace, switches, state).
     *
     * @return the policy
     */
    public MuppetSwitchingPolicy switching() {
        return switching;
    }

    /**
     * Returns the precision of the current level.
     *
     * @return the precision
     */
    public Precision currentPrecision() {
        return switching.currentPrecision();
    }

    /**
     * Returns whether training has entered FP32 (no quantisation, no diversity collection).
     *
     * @return true at an FP32 level
     */
    public boolean isFullPrecision() {
        return switching.isFullPrecision();
    }

    /**
     * Returns the number of epochs completed (the 0-based index of the epoch being trained).
     *
     * @return the count
     */
    public int epochsCompleted() {
        return listener.epochsCompleted();
    }

    /**
     * Sets the number of epochs completed, when resuming from a checkpoint ({@link
     * io.github.muppetdjl.checkpoint.Checkpoints#load} calls it); also re-applies the current
     * level's policy to the controller.
     *
     * @param epochs the epochs already trained, at least 0
     */
    public void resumeAt(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be at least 0, got " + epochs);
        }
        listener.resumeAt(epochs);
    }

    /** Builds a {@link MuppetTraining}; every setting is optional. */
    public static final class Builder {

        private MuppetSwitchingPolicy switching;
        private long seed;
        private TensorQuantizer quantizer = Quantizers.best();
        private LossScaler lossScaler = StaticLossScaler.none();
        private boolean recordMetrics = true;

        Builder() {}

        /**
         * Sets the switching policy (default {@code MuppetSwitchingPolicy.builder().build()}: the
         * MuPPET ladder, r = 3, patience 2, {@code T(e) = 1 + 1.5 exp(-0.1 e)}). Use one policy per
         * run: it holds the run's state.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder optSwitching(MuppetSwitchingPolicy value) {
            switching = value;
            return this;
        }

        /**
         * Sets the seed of all stochastic rounding (default 0).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /**
         * Sets the quantiser (default {@link Quantizers#best()}).
         *
         * @param value the quantiser
         * @return this builder
         */
        public Builder optQuantizer(TensorQuantizer value) {
            quantizer = value;
            return this;
        }

        /**
         * Sets the loss scaler (default: static scale 1, right for block floating point).
         *
         * @param value the scaler
         * @return this builder
         */
        public Builder optLossScaler(LossScaler value) {
            lossScaler = value;
            return this;
        }

        /**
         * Sets whether per-site statistics go into the trainer's metrics (default true).
         *
         * @param value whether to record
         * @return this builder
         */
        public Builder optRecordMetrics(boolean value) {
            recordMetrics = value;
            return this;
        }

        /**
         * Builds the controller at the switching policy's current level.
         *
         * @return the controller
         * @throws IllegalArgumentException if the quantiser or loss scaler is null
         */
        public MuppetTraining build() {
            if (quantizer == null || lossScaler == null) {
                throw new IllegalArgumentException("quantizer and lossScaler must not be null");
            }
            return new MuppetTraining(this);
        }
    }
}
