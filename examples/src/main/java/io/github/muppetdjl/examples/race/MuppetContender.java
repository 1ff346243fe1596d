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
import io.github.muppetdjl.muppet.MuppetTraining;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.MuppetRecords;
import io.github.muppetdjl.report.SwitchRecord;

import java.util.List;

/**
 * MuPPET precision switching (Rajagopal et al., ICML 2020; docs/algorithms.md §6.1) through {@link
 * MuppetTraining}: the spec's ladder and threshold, with the given resolution and patience. Each
 * epoch is recorded at the level it trained at, with the diversity and threshold of a check that
 * ran after it.
 */
final class MuppetContender implements Contender {

    private final MuppetTraining training;

    /**
     * Creates a contender.
     *
     * @param seed the seed of stochastic rounding
     * @param resolution checks every {@code resolution} epochs
     * @param patience violations before a switch
     */
    MuppetContender(long seed, int resolution, int patience) {
        MuppetSwitchingPolicy switching =
                MuppetSwitchingPolicy.builder()
                        .optResolution(resolution)
                        .optPatience(patience)
                        .build();
        training = MuppetTraining.builder().optSwitching(switching).optSeed(seed).build();
    }

    @Override
    public String name() {
        return "muppet";
    }

    @Override
    public void prepare(SequentialBlock net) {
        ModelConverter.convert(net);
    }

    @Override
    public Optimizer wrap(Optimizer optimizer) {
        return training.wrap(optimizer);
    }

    @Override
    public Loss wrapLoss(Loss loss) {
        // MuppetTraining's default scaler is a static 1 (block floating point needs no loss
        // scaling: the shared exponent follows the tensor); wrapped anyway, so the report's loss
        // scale is the one training used.
        return training.wrapLoss(loss);
    }

    @Override
    public List<TrainingListener> listeners() {
        return List.of(training.listener());
    }

    @Override
    public void initialized(Trainer trainer) {}

    @Override
    public float lossScale() {
        return training.training().getLossScaler().scale();
    }

    @Override
    public boolean scalesLoss() {
        return true;
    }

    @Override
    public EpochRecord record(int epoch, double trainLoss, double testAccuracy, double seconds) {
        return MuppetRecords.epoch(
                training.switching(), epoch, trainLoss, testAccuracy, seconds, lossScale());
    }

    @Override
    public PrecisionPolicy costPolicy(int epoch) {
        MuppetSwitchingPolicy s = training.switching();
        return s.ladder().policy(s.levelAtEpoch(epoch));
    }

    @Override
    public List<SwitchRecord> switches() {
        return MuppetRecords.switches(training.switching());
    }
}
