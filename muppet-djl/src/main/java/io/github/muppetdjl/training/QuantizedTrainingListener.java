/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.muppetdjl.control.OverflowEvent;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.scaling.EnhancedLossScaler;
import io.github.muppetdjl.scaling.GradientChecks;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The listener of a {@link QuantizedTraining}. DJL's {@code EasyTrain} calls {@link
 * #onTrainingBatch} after the backward pass and before {@code trainer.step()}; there it
 *
 * <ol>
 *   <li>checks that the previous step went through the optimizer wrapper;
 *   <li>completes the error backward passes of all sites (latest cut first);
 *   <li>checks the gradients for Inf/NaN and lets the loss scaler decide whether the step is
 *       applied (it backs the scale off on overflow), and tells the optimizer wrapper the step, the
 *       loss scale used and whether to skip;
 *   <li>at the first batch, calls the controller's {@code onAttach} again if the batch's input
 *       shapes differ from those the model was initialised with;
 *   <li>calls the precision controller's {@code afterBackward}, then {@code onOverflow} for each
 *       parameter and role the optimizer wrapper's previous step overflowed (with that step), and
 *       for each site and role that overflowed in this batch, and collects statistics;
 *   <li>advances the step and calls the controller's {@code beforeBatch} for the next batch.
 * </ol>
 *
 * <p>At the end of each epoch an {@link EnhancedLossScaler} gets {@code onEpochEnd} with the
 * epoch's training loss as DJL's {@code TrainingResult} reports it (NaN when no evaluator listener
 * records it; add this listener after DJL's default listeners so the value is current), then the
 * controller's {@code onEpochEnd}, then the epoch counter advances and {@code beforeBatch} is asked
 * again with the new epoch. Every policy a hook returns is applied at once ({@link
 * QuantizedTraining}). The recipe's one-line form is written into the model's properties.
 */
public final class QuantizedTrainingListener extends TrainingListenerAdapter {

    /** The model property holding the recipe's one-line form, for provenance. */
    public static final String RECIPE_PROPERTY = "MuppetRecipe";

    /** The model property holding the policy in force, for provenance. */
    public static final String POLICY_PROPERTY = "MuppetPolicy";

    /** Prefix of every metric this listener records. */
    public static final String METRIC_PREFIX = "muppet.";

    private final QuantizedTraining owner;
    private final EpochStatistics statistics;
    private long updatesSeen = -1;
    private Trainer checkedTrainer;
    private boolean batchShapesSeen;

    QuantizedTrainingListener(QuantizedTraining owner, MetricsDetail detail) {
        this.owner = owner;
        this.statistics = new EpochStatistics(detail);
    }

    /** Binds the model (again: it may have been converted since) and checks the wiring. */
    @Override
    public synchronized void onTrainingBegin(Trainer trainer) {
        Block block = trainer.getModel().getBlock();
        owner.attach(block);
        WiringChecks.atBegin(owner, trainer);
        updatesSeen = -1;
        batchShapesSeen = false;
        SiteContext c = owner.getContext();
        owner.offer(owner.getController().beforeBatch(c.step(), c.epoch()), block);
        recordProvenance(trainer);
    }

    @Override
    public synchronized void onEpoch(Trainer trainer) {
        SiteContext c = owner.getContext();
        int epoch = c.epoch();
        TrainingResult result = trainer.getTrainingResult();
        LossScaler scaler = owner.getLossScaler();
        if (scaler instanceof EnhancedLossScaler enhanced) {
            double loss = Double.NaN;
            if (result != null && result.getTrainLoss() != null) {
                loss = result.getTrainLoss();
            }
            enhanced.onEpochEnd(epoch, loss);
        }
        Block block = trainer.getModel().getBlock();
        PrecisionController controller = owner.getController();
        // The epoch's last optimizer step ran after its batch's hooks: report its overflows now.
        for (OverflowEvent e :
                EpochStatistics.optimizerEvents(owner.getOptimizer(), Math.max(0, c.step() - 1))) {
            install(controller.onOverflow(e), block);
        }
        install(controller.onEpochEnd(epoch, evaluations(result)), block);
        statistics.onEpochEnd(trainer.getMetrics(), scaler.scale());
        c.advanceEpoch();
        install(controller.beforeBatch(c.step(), c.epoch()), block);
        recordProvenance(trainer);
    }

    @Override
    public synchronized void onTrainingBatch(Trainer trainer, BatchData batchData) {
        Block block = trainer.getModel().getBlock();
        if (owner.binding() == null) {
            owner.attach(block);
            WiringChecks.atBegin(owner, trainer);
        }
        if (checkedTrainer != trainer) {
            // The model may only be trained now; a trainer made just to evaluate never gets here.
            WiringChecks.convertedBeforeTraining(owner.binding(), block);
            WiringChecks.sitesFor(owner.binding(), owner.getPolicy());
        }
        QuantizedOptimizer optimizer = owner.getOptimizer();
        long updates = optimizer.updateCalls();
        if (updatesSeen >= 0) {
            WiringChecks.optimizerUsed(updatesSeen, updates);
        }
        SiteRegistry registry = owner.getRegistry();
        registry.completeErrorPasses(owner.keepGraph());
        // One walk of the block tree per batch: getParameters() builds a new list each call.
        ai.djl.nn.ParameterList parameters = block.getParameters();
        LossScaler scaler = owner.getLossScaler();
        float scaleUsed = scaler.scale();
        if (checkedTrainer != trainer) {
            FirstStepCheck.run(trainer, parameters);
            checkedTrainer = trainer;
        }
        boolean overflow = GradientChecks.anyNonFinite(parameters);
        boolean apply = scaler.update(overflow);
        SiteContext c = owner.getContext();
        long step = c.step();
        optimizer.beginStep(step, scaleUsed, !apply);
        PrecisionController controller = owner.getController();
        if (!batchShapesSeen && batchData != null && batchData.getBatch() != null) {
            batchShapesSeen = true;
            List<Shape> shapes = List.of(batchData.getBatch().getData().getShapes());
            if (!shapes.equals(QuantizedTraining.inputShapes(block))) {
                install(owner.attachedAt(block, shapes), block);
            }
        }
        install(
                controller.afterBackward(
                        new BatchGradients(
                                step, c.epoch(), scaleUsed, !apply, batchData, parameters)),
                block);
        // The previous step's optimizer-side overflows (the wrapper runs after these hooks).
        for (OverflowEvent e : EpochStatistics.optimizerEvents(optimizer, Math.max(0, step - 1))) {
            install(controller.onOverflow(e), block);
        }
        for (OverflowEvent e :
                statistics.onBatch(trainer.getMetrics(), registry, step, scaleUsed, apply)) {
            install(controller.onOverflow(e), block);
        }
        c.advanceStep();
        install(controller.beforeBatch(c.step(), c.epoch()), block);
        // The step that follows this call must reach the wrapper: checked at the next batch.
        updatesSeen = parameters.isEmpty() ? -1 : updates;
    }

    private void install(io.github.muppetdjl.quant.policy.PrecisionPolicy next, Block block) {
        owner.offer(next, block);
        WiringChecks.sitesFor(owner.binding(), owner.getPolicy());
    }

    /** The finished epoch's evaluations (train loss, accuracy...) by DJL's names. */
    private static Map<String, Double> evaluations(TrainingResult result) {
        Map<String, Double> out = new HashMap<>();
        if (result != null && result.getEvaluations() != null) {
            result.getEvaluations().forEach((k, v) -> out.put(k, v.doubleValue()));
        }
        return out;
    }

    /**
     * Writes the recipe's and the policy's one-line forms into the model's properties (saved with
     * the model), so a trained model says which method and precisions produced it.
     */
    private void recordProvenance(Trainer trainer) {
        Model model = trainer.getModel();
        if (model != null) {
            model.setProperty(RECIPE_PROPERTY, owner.getRecipe().toString());
            model.setProperty(POLICY_PROPERTY, owner.getPolicy().toString());
        }
    }
}
