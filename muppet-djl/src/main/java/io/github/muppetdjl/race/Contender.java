/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.muppet.MuppetController;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.MuppetRecords;
import io.github.muppetdjl.report.SwitchRecord;
import io.github.muppetdjl.scaling.StaticLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

import java.util.List;

/**
 * One recipe's wiring for one run. The recipe named {@code fp32} runs as plain DJL (no conversion,
 * no listener), so the baseline carries none of the library's overhead; every other recipe converts
 * the model and trains through a {@link QuantizedTraining}, whatever its controller, so any recipe
 * races by name.
 */
final class Contender {

    private final Recipe recipe;
    private final QuantizedTraining training;

    Contender(Recipe recipe, long seed) {
        this.recipe = recipe;
        this.training =
                recipe.name().equals("fp32")
                        ? null
                        : QuantizedTraining.builder().setRecipe(recipe).optSeed(seed).build();
    }

    String name() {
        return recipe.name();
    }

    Recipe recipe() {
        return recipe;
    }

    void prepare(Block net) {
        if (training != null) {
            ModelConverter.convert(net);
        }
    }

    Optimizer wrap(Optimizer optimizer) {
        return training == null ? optimizer : training.wrap(optimizer);
    }

    Loss wrapLoss(Loss loss) {
        // Wrapped even at a static scale of 1, so the report's loss scale is the one training
        // used.
        return training == null ? loss : training.wrapLoss(loss);
    }

    List<TrainingListener> listeners() {
        return training == null ? List.of() : List.of(training.listener());
    }

    float lossScale() {
        return training == null ? 1f : training.getLossScaler().scale();
    }

    /** The policy the next batch trains under (sites' overrides included). */
    PrecisionPolicy policyNow() {
        return training == null ? PrecisionPolicy.fp32() : training.getPolicy();
    }

    EpochRecord record(int epoch, double trainLoss, double testAccuracy, double seconds) {
        MuppetSwitchingPolicy muppet = muppet();
        boolean scales =
                training != null
                        && !(training.getLossScaler() instanceof StaticLossScaler s
                                && s.scale() == 1f);
        double scale = scales || muppet != null ? lossScale() : Double.NaN;
        if (muppet != null) {
            return MuppetRecords.epoch(muppet, epoch, trainLoss, testAccuracy, seconds, scale);
        }
        return EpochRecord.of(epoch, label(), trainLoss, testAccuracy, seconds, scale);
    }

    /** A fixed BFP rung is labelled by its precision, as MuPPET's levels are; others by name. */
    private String label() {
        String name = recipe.name();
        if (name.matches("bfp\\d+")) {
            int bits = Integer.parseInt(name.substring(3));
            return new Precision(BlockFloatingPoint.perTensor(bits), Rounding.STOCHASTIC)
                    .toString();
        }
        return name;
    }

    List<SwitchRecord> switches() {
        MuppetSwitchingPolicy muppet = muppet();
        return muppet == null ? List.of() : MuppetRecords.switches(muppet);
    }

    private MuppetSwitchingPolicy muppet() {
        return training != null && training.getController() instanceof MuppetController m
                ? m.switching()
                : null;
    }
}
