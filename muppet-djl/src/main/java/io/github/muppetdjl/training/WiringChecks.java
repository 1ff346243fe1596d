/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.ScaledLoss;
import io.github.muppetdjl.scaling.StaticLossScaler;

import java.util.Set;

/**
 * Checks that the parts of quantised training are wired together, so that a missing piece fails
 * with a message saying what to do instead of training wrongly in silence.
 */
final class WiringChecks {

    /** The DJL layer types {@code ModelConverter} replaces by quantised layers. */
    private static final Set<String> CONVERTIBLE = Set.of("Linear", "Conv1d", "Conv2d");

    private WiringChecks() {}

    /** When training begins: the optimizer is wrapped, and the loss is when the scaler scales. */
    static void atBegin(QuantizedTraining qt, Trainer trainer) {
        if (qt.getOptimizer() == null) {
            throw new IllegalStateException(
                    "the QuantizedTraining listener is in the training config but no optimizer"
                            + " was wrapped: use config.optOptimizer(qt.wrap(optimizer)). Without"
                            + " the wrapper, weights are not quantised, the loss scale is never"
                            + " divided out and overflowed steps are applied");
        }
        LossScaler scaler = qt.getLossScaler();
        boolean scales = !(scaler instanceof StaticLossScaler s && s.scale() == 1f);
        Loss loss = trainer.getLoss();
        if (scales && !(loss instanceof ScaledLoss scaled && scaled.getScaler() == scaler)) {
            throw new IllegalStateException(
                    "the loss scaler "
                            + scaler
                            + " scales the loss, but the trainer's loss "
                            + (loss == null ? "(none)" : loss.getName())
                            + " is not the one qt.wrapLoss(loss) returned: use new"
                            + " DefaultTrainingConfig(qt.wrapLoss(loss)), or a recipe without"
                            + " loss scaling");
        }
    }

    /**
     * Whenever a policy is installed: a model without quantisation points must not have layers that
     * the policy would quantise.
     */
    static void sitesFor(ModelBinding binding, PrecisionPolicy policy) {
        if (binding == null || !binding.registry().points().isEmpty()) {
            return;
        }
        for (SiteDescriptor layer : binding.layers()) {
            if (!CONVERTIBLE.contains(layer.blockType())) {
                continue;
            }
            // Weights and the optimizer-side roles are quantised by the optimizer wrapper; only
            // activations and errors need sites.
            for (TensorRole role : new TensorRole[] {TensorRole.ACTIVATION, TensorRole.ERROR}) {
                if (!policy.resolve(layer, role).isIdentity()) {
                    throw new IllegalStateException(
                            "the policy quantises "
                                    + role.name().toLowerCase(java.util.Locale.ROOT)
                                    + " of layer "
                                    + layer.name()
                                    + " ("
                                    + layer.blockType()
                                    + "), but the model has no quantisation sites: call"
                                    + " ModelConverter.convert(model.getBlock()) before training,"
                                    + " or add quantised layers and QuantizationSites yourself");
                }
            }
        }
    }

    /**
     * At the first batch: the model was not converted after the listener bound it (DJL calls {@code
     * onTrainingBegin} from {@code model.newTrainer}), which would leave its new sites unbound.
     */
    static void convertedBeforeTraining(ModelBinding binding, ai.djl.nn.Block root) {
        if (binding.registry().points().isEmpty() && hasPoint(root)) {
            throw new IllegalStateException(
                    "the model was converted after model.newTrainer(...): call"
                            + " ModelConverter.convert(block) before creating the trainer");
        }
    }

    private static boolean hasPoint(ai.djl.nn.Block b) {
        if (b instanceof io.github.muppetdjl.site.QuantizationPoint) {
            return true;
        }
        for (ai.djl.util.Pair<String, ai.djl.nn.Block> c : b.getChildren()) {
            if (hasPoint(c.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** At each batch after the first: the trainer's last step went through the wrapper. */
    static void optimizerUsed(long updatesBefore, long updatesNow) {
        if (updatesNow == updatesBefore) {
            throw new IllegalStateException(
                    "the trainer's last step did not go through the optimizer wrapper that"
                            + " qt.wrap() returned: give exactly that wrapper to the training"
                            + " config (config.optOptimizer(qt.wrap(optimizer))) and call"
                            + " trainer.step() once per batch");
        }
    }
}
