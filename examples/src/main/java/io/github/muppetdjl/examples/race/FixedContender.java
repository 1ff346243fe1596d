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
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.SwitchRecord;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.StaticLossScaler;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.training.QuantizedTraining;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A policy that stays the same for the whole run. Without a model policy it is plain DJL (the FP32
 * baseline: no conversion, no listener); otherwise the model is converted and trained through a
 * {@link QuantizedTraining}.
 */
final class FixedContender implements Contender {

    private final String name;
    private final String precision;
    private final PrecisionPolicy costPolicy;
    private final Function<List<SiteDescriptor>, PrecisionPolicy> modelPolicy;
    private final QuantizedTraining training;

    /**
     * Creates a contender.
     *
     * @param name the policy's name
     * @param precision the precision's text form written into every epoch record
     * @param costPolicy the policy the cost model prices every epoch with
     * @param modelPolicy the model's policy from its sites in forward order; null for plain DJL
     * @param seed the seed of stochastic rounding
     * @param lossScaler the loss scaler, used only with a model policy
     */
    FixedContender(
            String name,
            String precision,
            PrecisionPolicy costPolicy,
            Function<List<SiteDescriptor>, PrecisionPolicy> modelPolicy,
            long seed,
            LossScaler lossScaler) {
        this.name = name;
        this.precision = precision;
        this.costPolicy = costPolicy;
        this.modelPolicy = modelPolicy;
        this.training =
                modelPolicy == null
                        ? null
                        : QuantizedTraining.builder()
                                // Replaced in initialized(), once the site names are known.
                                .setPolicy(PrecisionPolicy.fp32())
                                .optSeed(seed)
                                .optLossScaler(lossScaler)
                                .build();
    }

    @Override
    public String name() {
        return name;
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
        return training == null || !scalesLoss() ? loss : training.wrapLoss(loss);
    }

    @Override
    public List<TrainingListener> listeners() {
        return training == null ? List.of() : List.of(training.listener());
    }

    @Override
    public void initialized(Trainer trainer) {
        if (training == null) {
            return;
        }
        List<SiteDescriptor> sites = new ArrayList<>();
        for (QuantizationPoint p : training.attach(trainer.getModel().getBlock()).points()) {
            sites.add(p.core().descriptor());
        }
        training.setPolicy(modelPolicy.apply(sites));
        training.attach(trainer.getModel().getBlock());
    }

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
        return EpochRecord.of(
                epoch,
                precision,
                trainLoss,
                testAccuracy,
                seconds,
                scalesLoss() ? lossScale() : Double.NaN);
    }

    @Override
    public PrecisionPolicy costPolicy(int epoch) {
        return costPolicy;
    }

    @Override
    public List<SwitchRecord> switches() {
        return List.of();
    }

    /**
     * Returns the controller, or null for plain DJL.
     *
     * @return the controller
     */
    QuantizedTraining training() {
        return training;
    }
}
