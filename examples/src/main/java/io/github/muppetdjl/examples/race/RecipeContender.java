/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.muppet.MuppetController;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.SiteOverrides;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.MuppetRecords;
import io.github.muppetdjl.report.SwitchRecord;
import io.github.muppetdjl.scaling.StaticLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

import java.util.List;

/**
 * One recipe in a race. The {@code fp32} recipe runs as plain DJL (no conversion, no listener), so
 * the baseline carries none of the library's overhead; every other recipe converts the model and
 * trains through a {@link QuantizedTraining}.
 */
final class RecipeContender implements Contender {

    /** The cost network's layers, for resolving a recipe's site rules in the cost model. */
    private static final List<SiteDescriptor> COST_SITES =
            List.of(
                    new SiteDescriptor("conv1", "Conv2d"),
                    new SiteDescriptor("conv2", "Conv2d"),
                    new SiteDescriptor("fc1", "Linear"),
                    new SiteDescriptor("fc2", "Linear"));

    private final Recipe recipe;
    private final QuantizedTraining training;

    RecipeContender(Recipe recipe, long seed) {
        this.recipe = recipe;
        this.training =
                recipe.name().equals("fp32")
                        ? null
                        : QuantizedTraining.builder().setRecipe(recipe).optSeed(seed).build();
    }

    @Override
    public String name() {
        return recipe.name();
    }

    @Override
    public void prepare(SequentialBlock net) {
        if (training != null) {
            ModelConverter.convert(net);
        }
    }

    @Override
    public Optimizer wrap(Optimizer optimizer) {
        return training == null ? optimizer : training.wrap(optimizer);
    }

    @Override
    public Loss wrapLoss(Loss loss) {
        // Wrapped even at a static scale of 1, so the report's loss scale is the one training
        // used.
        return training == null ? loss : training.wrapLoss(loss);
    }

    @Override
    public List<TrainingListener> listeners() {
        return training == null ? List.of() : List.of(training.listener());
    }

    @Override
    public void initialized(Trainer trainer) {}

    @Override
    public float lossScale() {
        return training == null ? 1f : training.getLossScaler().scale();
    }

    @Override
    public boolean scalesLoss() {
        return training != null
                && !(training.getLossScaler() instanceof StaticLossScaler s && s.scale() == 1f);
    }

    @Override
    public EpochRecord record(int epoch, double trainLoss, double testAccuracy, double seconds) {
        MuppetSwitchingPolicy muppet = muppet();
        double scale = scalesLoss() || muppet != null ? lossScale() : Double.NaN;
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

    @Override
    public PrecisionPolicy costPolicy(int epoch) {
        MuppetSwitchingPolicy muppet = muppet();
        PrecisionPolicy base =
                muppet != null
                        ? muppet.ladder().policy(muppet.levelAtEpoch(epoch))
                        : training == null
                                ? PrecisionPolicy.fp32()
                                : training.getController().policy();
        return SiteOverrides.resolve(recipe.siteRules(), COST_SITES).apply(base);
    }

    @Override
    public List<SwitchRecord> switches() {
        MuppetSwitchingPolicy muppet = muppet();
        return muppet == null ? List.of() : MuppetRecords.switches(muppet);
    }

    private MuppetSwitchingPolicy muppet() {
        return training != null && training.getController() instanceof MuppetController m
                ? m.switching()
                : null;
    }
}
