/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.TrainingDivergedException;
import ai.djl.metric.Metric;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.scaling.ScaledLoss;
import io.github.muppetdjl.training.QuantizedTraining;
import io.github.muppetdjl.training.QuantizedTrainingListener;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Loss scaling beside DJL's default listeners ({@code TrainingListener.Defaults.basic()}: epoch,
 * evaluator and divergence check), the set most DJL loops add.
 */
class DjlDefaultListenersIT {

    /** 2^30: FP8 E5M2 errors overflow (max 57344) until the scale has backed off a few times. */
    private static final float HUGE_SCALE = 1073741824f;

    private static final int BATCH = 64;
    private static final int BATCHES = 16;

    /** The batch whose input is blown up so that the FP8 forward pass overflows. */
    private static final int GLITCH = 12;

    private static QuantizedTraining fp8(DynamicLossScaler scaler) {
        return QuantizedTraining.builder()
                .setPolicy(Presets.fp8Mellempudi())
                .optSeed(7)
                .optLossScaler(scaler)
                .build();
    }

    private static DefaultTrainingConfig config(QuantizedTraining qt, ScaledLoss loss) {
        return new DefaultTrainingConfig(loss)
                .optOptimizer(qt.wrap(Optimizer.adam().build()))
                .addTrainingListeners(TrainingListener.Defaults.basic())
                .addTrainingListeners(qt.listener());
    }

    private static float total(Trainer trainer, String metric) {
        float sum = 0;
        for (Metric m : trainer.getMetrics().getMetric(metric)) {
            sum += m.getValue().floatValue();
        }
        return sum;
    }

    @Test
    void overflowsTheScalerHandlesDoNotStopTraining() throws Exception {
        Harness.seed(5);
        SequentialBlock net = Examples.smallCnn();
        ModelConverter.convert(net);
        DynamicLossScaler scaler =
                DynamicLossScaler.builder()
                        .optMaxScale(HUGE_SCALE)
                        .optInitialScale(HUGE_SCALE)
                        .build();
        QuantizedTraining qt = fp8(scaler);
        ScaledLoss loss = (ScaledLoss) qt.wrapLoss(Loss.softmaxCrossEntropyLoss());
        Dataset train = SubsetData.load(Dataset.Usage.TRAIN, BATCH, false, BATCH * BATCHES);
        List<Float> perBatchLoss = new ArrayList<>();
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(config(qt, loss))) {
                trainer.setMetrics(new ai.djl.metric.Metrics());
                trainer.initialize(Harness.INPUT);
                int i = 0;
                for (Batch batch : trainer.iterateDataset(train)) {
                    try (batch) {
                        if (i == GLITCH) {
                            // A data glitch: values far beyond FP8's range make the forward pass,
                            // and so the loss, non-finite (its step is skipped, the scale halves).
                            batch.getData().singletonOrThrow().muli(1e6f);
                        }
                        EasyTrain.trainBatch(trainer, batch);
                        perBatchLoss.add(
                                trainer.getLoss()
                                        .getAccumulator(EvaluatorTrainingListener.TRAIN_ALL));
                        trainer.step();
                    }
                    i++;
                }
                assertEquals(BATCHES, i, "trained on every batch");
                // The huge scale overflowed the first steps' errors; the glitch overflowed the
                // forward pass. Every one of them was skipped, and the skips are visible.
                assertTrue(scaler.scale() < HUGE_SCALE, "scale backed off: " + scaler.scale());
                assertEquals(1, loss.nonFiniteBatches(), "the glitch batch, counted");
                assertEquals(Float.POSITIVE_INFINITY, perBatchLoss.get(GLITCH));
                for (int b = 0; b < BATCHES; b++) {
                    if (b != GLITCH) {
                        assertTrue(Float.isFinite(perBatchLoss.get(b)), "batch " + b);
                    }
                }
                float epochLoss = loss.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
                assertTrue(Float.isFinite(epochLoss), "epoch loss " + epochLoss);
                // The listener sums skipped steps per epoch into the metrics.
                trainer.notifyListeners(l -> l.onEpoch(trainer));
                float skipped =
                        total(trainer, QuantizedTrainingListener.METRIC_PREFIX + "skippedSteps");
                assertTrue(skipped >= 3, "skipped steps " + skipped);
                assertTrue(
                        perBatchLoss.get(BATCHES - 1) < perBatchLoss.get(0),
                        "it learned: " + perBatchLoss);
                for (Parameter p : net.getParameters().values()) {
                    for (float v : p.getArray().toFloatArray()) {
                        assertTrue(Float.isFinite(v), p.getName());
                    }
                }
            }
        }
    }

    @Test
    void aLossThatStaysNonFiniteIsStillReportedAsDivergence() throws Exception {
        Harness.seed(5);
        SequentialBlock net = Examples.smallCnn();
        ModelConverter.convert(net);
        DynamicLossScaler scaler = DynamicLossScaler.builder().build();
        QuantizedTraining qt = fp8(scaler);
        ScaledLoss loss = (ScaledLoss) qt.wrapLoss(Loss.softmaxCrossEntropyLoss());
        int limit = loss.maxConsecutiveNonFinite();
        Dataset train = SubsetData.load(Dataset.Usage.TRAIN, 16, false, 16L * (limit + 5));
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(config(qt, loss))) {
                trainer.initialize(Harness.INPUT);
                // A poisoned weight: every loss is NaN, every step is skipped, nothing recovers.
                net.getParameters()
                        .valueAt(0)
                        .getArray()
                        .set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
                int[] trained = {0};
                assertThrows(
                        TrainingDivergedException.class,
                        () -> {
                            for (Batch batch : trainer.iterateDataset(train)) {
                                try (batch) {
                                    EasyTrain.trainBatch(trainer, batch);
                                    trainer.step();
                                }
                                trained[0]++;
                            }
                        });
                assertEquals(limit, trained[0], "tolerated batches before the report");
                assertEquals(limit + 1, loss.nonFiniteBatches());
                // Halved at each tolerated batch; in the reported one DJL's check (added before the
                // listener) throws before the scaler sees it.
                assertEquals(65536f / (1 << limit), scaler.scale(), "scale collapsing");
            }
        }
    }
}
