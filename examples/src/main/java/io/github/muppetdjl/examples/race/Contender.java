/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.SwitchRecord;

import java.util.List;

/**
 * One policy in a race: how it changes the model and the training config, what precision each epoch
 * ran at, and which policy the cost model should price each epoch with. One instance trains one
 * model once; {@link RacePolicies#create} makes a fresh one per run.
 */
public interface Contender {

    /**
     * Returns the policy's name as the user typed it (e.g. {@code muppet}).
     *
     * @return the name
     */
    String name();

    /**
     * Changes the model before its trainer is created (e.g. converts it for quantised training).
     *
     * @param net the small CNN, not yet initialised
     */
    void prepare(SequentialBlock net);

    /**
     * Wraps the optimizer.
     *
     * @param optimizer Adam
     * @return the optimizer to train with
     */
    Optimizer wrap(Optimizer optimizer);

    /**
     * Wraps the loss.
     *
     * @param loss softmax cross-entropy
     * @return the loss to train with (possibly scaled; reported values are divided by {@link
     *     #lossScale()})
     */
    Loss wrapLoss(Loss loss);

    /**
     * Returns the listeners to add to the training config.
     *
     * @return the listeners, possibly none
     */
    List<TrainingListener> listeners();

    /**
     * Called once the trainer is initialised, before the first batch.
     *
     * @param trainer the trainer
     */
    void initialized(Trainer trainer);

    /**
     * Returns the current loss scale.
     *
     * @return the factor the loss is multiplied by for backward; 1 without loss scaling
     */
    float lossScale();

    /**
     * Returns whether the policy scales the loss at all.
     *
     * @return false for a fixed scale of 1
     */
    boolean scalesLoss();

    /**
     * Returns the record of an epoch that has just ended (after the listeners' {@code onEpoch}).
     *
     * @param epoch the 0-based epoch
     * @param trainLoss the mean unscaled training loss
     * @param testAccuracy the test accuracy in [0, 1]
     * @param seconds the epoch's training time
     * @return the record, with the epoch's precision
     */
    EpochRecord record(int epoch, double trainLoss, double testAccuracy, double seconds);

    /**
     * Returns the policy the cost model prices an epoch with; site names are those of {@link
     * io.github.muppetdjl.quant.cost.Network#smallCnn()} ({@code conv1}, {@code conv2}, {@code
     * fc1}, {@code fc2}).
     *
     * @param epoch the 0-based epoch, already trained
     * @return the policy
     */
    PrecisionPolicy costPolicy(int epoch);

    /**
     * Returns the precision switches so far.
     *
     * @return the switches in epoch order; empty for a fixed policy
     */
    List<SwitchRecord> switches();
}
