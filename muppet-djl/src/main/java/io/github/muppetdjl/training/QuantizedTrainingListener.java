/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.scaling.EnhancedLossScaler;
import io.github.muppetdjl.scaling.GradientChecks;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.site.SiteRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener of a {@link QuantizedTraining}. EasyTrain calls {@link #onTrainingBatch} after the
 * backward pass and before {@code trainer.step()}; there it
 *
 * <ol>
 *   <li>completes the error backward passes of all sites (latest cut first);
 *   <li>checks the gradients for Inf/NaN and lets the loss scaler decide whether the step is
 *       applied (it backs the scale off on overflow);
 *   <li>tells the optimizer wrapper the step, the loss scale used and whether to skip;
 *   <li>records per-site statistics into the trainer's {@link Metrics};
 *   <li>advances the step and applies the current policy to every site for the next batch.
 * </ol>
 *
 * <p>At the end of each epoch an {@link EnhancedLossScaler} gets {@code onEpochEnd} with the
 * epoch's training loss as DJL's {@code TrainingResult} reports it (NaN when no evaluator listener
 * records it; add this listener after DJL's default listeners so the value is current).
 */
public final class QuantizedTrainingListener extends TrainingListenerAdapter {

    /** The model property holding the active policy's one-line form, for provenance. */
    public static final String POLICY_PROPERTY = "MuppetPolicy";

    /** Prefix of every metric this listener records. */
    public static final String METRIC_PREFIX = "muppet.";

    private final QuantizedTraining owner;
    private final boolean recordMetrics;
    private final AtomicInteger epochs = new AtomicInteger();

    QuantizedTrainingListener(QuantizedTraining owner, boolean recordMetrics) {
        this.owner = owner;
        this.recordMetrics = recordMetrics;
    }

    /**
     * Sets the number of epochs completed, when resuming from a checkpoint: the next {@code
     * onEpoch} then reports epoch {@code epochs} to an {@link EnhancedLossScaler}.
     *
     * @param epochs the epochs already trained, at least 0
     */
    public void setEpochsCompleted(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be at least 0, got " + epochs);
        }
        this.epochs.set(epochs);
    }

    /** Scans the model for quantisation points (again: it may have been converted since). */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        owner.attach(trainer.getModel().getBlock());
        recordPolicy(trainer);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        recordPolicy(trainer);
        int epoch = epochs.getAndIncrement();
        if (owner.getLossScaler() instanceof EnhancedLossScaler enhanced) {
            double loss = Double.NaN;
            TrainingResult result = trainer.getTrainingResult();
            if (result != null && result.getTrainLoss() != null) {
                loss = result.getTrainLoss();
            }
            enhanced.onEpochEnd(epoch, loss);
        }
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        SiteRegistry registry = owner.getRegistry();
        if (registry == null) {
            registry = owner.attach(trainer.getModel().getBlock());
        }
        registry.completeErrorPasses(owner.keepGraph());
        LossScaler scaler = owner.getLossScaler();
        float scaleUsed = scaler.scale();
        boolean overflow =
                GradientChecks.anyNonFinite(trainer.getModel().getBlock().getParameters());
        boolean apply = scaler.update(overflow);
        long step = registry.context().step();
        QuantizedOptimizer optimizer = owner.getOptimizer();
        if (optimizer != null) {
            optimizer.beginStep(step, scaleUsed, !apply);
        }
        Metrics metrics = trainer.getMetrics();
        if (recordMetrics && metrics != null) {
            record(metrics, registry, scaleUsed, apply);
        }
        registry.context().advanceStep();
        owner.advanceSchedule(registry.context().step(), epochs.get(), lastEvaluations(trainer));
        registry.applyPolicy(owner.getPolicy());
    }

    /** The last finished epoch's evaluations (train loss, accuracy...), for schedule functions. */
    private static Map<String, Double> lastEvaluations(Trainer trainer) {
        TrainingResult result = trainer.getTrainingResult();
        Map<String, Double> out = new HashMap<>();
        if (result != null && result.getEvaluations() != null) {
            result.getEvaluations().forEach((k, v) -> out.put(k, v.doubleValue()));
        }
        return out;
    }

    /**
     * Writes the active policy's one-line form into the model's properties (saved with the model),
     * so a trained model says which precisions produced it.
     */
    private void recordPolicy(Trainer trainer) {
        Model model = trainer.getModel();
        if (model != null) {
            model.setProperty(POLICY_PROPERTY, owner.getPolicy().toString());
        }
    }

    private static void record(
            Metrics metrics, SiteRegistry registry, float scaleUsed, boolean applied) {
        metrics.addMetric(METRIC_PREFIX + "lossScale", scaleUsed);
        metrics.addMetric(METRIC_PREFIX + "skippedStep", applied ? 0 : 1);
        for (QuantizationPoint p : registry.points()) {
            String name = METRIC_PREFIX + "site." + p.core().descriptor().name() + ".";
            for (TensorRole role : TensorRole.values()) {
                QuantStats s = p.core().drainStats(role);
                if (s.total() == 0) {
                    continue;
                }
                String prefix = name + role.name().toLowerCase(java.util.Locale.ROOT) + ".";
                metrics.addMetric(prefix + "total", s.total());
                metrics.addMetric(prefix + "saturated", s.saturated());
                metrics.addMetric(prefix + "underflowed", s.underflowed());
                metrics.addMetric(prefix + "nonFinite", s.nonFinite());
            }
        }
    }
}
