/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;

import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.quant.schedule.SwitchEvent;
import io.github.muppetdjl.site.SiteRegistry;
import io.github.muppetdjl.training.QuantizedTraining;
import io.github.muppetdjl.training.QuantizedTrainingListener;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener of a {@link MuppetTraining}: the quantised-training listener plus the MuPPET logic
 * described there. Every callback goes to the quantised-training listener first, so the error
 * passes are complete before gradients are read, and the loss scaler's epoch hook runs before the
 * switching decision.
 */
final class MuppetTrainingListener implements TrainingListener {

    private final MuppetTraining owner;
    private final QuantizedTrainingListener delegate;
    private final LastBatchGradients lastBatch = new LastBatchGradients();
    private final AtomicInteger epochs = new AtomicInteger();

    MuppetTrainingListener(MuppetTraining owner) {
        this.owner = owner;
        this.delegate = (QuantizedTrainingListener) owner.training().listener();
    }

    int epochsCompleted() {
        return epochs.get();
    }

    synchronized void resumeAt(int completed) {
        epochs.set(completed);
        delegate.setEpochsCompleted(completed);
        lastBatch.clear();
        apply(owner.switching().currentPolicy());
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        delegate.onTrainingBegin(trainer);
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        delegate.onTrainingEnd(trainer);
    }

    @Override
    public synchronized void onTrainingBatch(Trainer trainer, BatchData batchData) {
        MuppetSwitchingPolicy switching = owner.switching();
        boolean collect = !switching.isFullPrecision();
        // The scale this batch's loss was multiplied by; the delegate's update may change it.
        float scale = owner.training().getLossScaler().scale();
        delegate.onTrainingBatch(trainer, batchData);
        if (collect) {
            lastBatch.onBatch(
                    batchData.getBatch(),
                    trainer.getModel().getBlock().getParameters(),
                    scale,
                    switching.gradientDiversity());
        }
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        delegate.onValidationBatch(trainer, batchData);
    }

    @Override
    public synchronized void onEpoch(Trainer trainer) {
        delegate.onEpoch(trainer);
        MuppetSwitchingPolicy switching = owner.switching();
        int epoch = epochs.getAndIncrement();
        if (!switching.isFullPrecision()) {
            lastBatch.onEpochEnd(switching.gradientDiversity());
        }
        Optional<SwitchEvent> event = switching.onEpochEnd(epoch);
        if (event.isEmpty()) {
            return;
        }
        apply(switching.currentPolicy());
        if (switching.isFullPrecision()) {
            lastBatch.clear();
            QuantizedOptimizer optimizer = owner.training().getOptimizer();
            if (optimizer != null) {
                optimizer.syncMasterToModel(trainer.getModel().getBlock().getParameters());
            }
        }
    }

    /** Applies a policy to the controller (optimizer side) and to the live sites at once. */
    private void apply(PrecisionPolicy policy) {
        QuantizedTraining training = owner.training();
        training.setPolicy(policy);
        SiteRegistry registry = training.getRegistry();
        if (registry != null) {
            registry.applyPolicy(policy);
        }
    }
}
