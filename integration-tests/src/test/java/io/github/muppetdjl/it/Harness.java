/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.util.ProgressBar;
import ai.djl.translate.TranslateException;
import ai.djl.util.RandomUtils;

import io.github.muppetdjl.training.QuantizedTraining;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Trains and evaluates a block with or without a {@link QuantizedTraining} controller. */
final class Harness {

    /** Input shape of one Fashion-MNIST image batch of one. */
    static final Shape INPUT = new Shape(1, 1, 28, 28);

    private Harness() {}

    /** Seeds the engine and DJL's own random numbers (initialisers, shuffling). */
    static void seed(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        RandomUtils.RANDOM.setSeed(seed);
    }

    /**
     * The training config of an existing loop; with a controller, the three added lines.
     *
     * @param qt the controller or {@code null} for plain DJL
     * @return the config
     */
    static DefaultTrainingConfig config(QuantizedTraining qt) {
        Loss loss = Loss.softmaxCrossEntropyLoss();
        Optimizer adam = Optimizer.adam().build();
        if (qt == null) {
            return new DefaultTrainingConfig(loss).optOptimizer(adam);
        }
        return new DefaultTrainingConfig(qt.wrapLoss(loss))
                .optOptimizer(qt.wrap(adam))
                .addTrainingListeners(qt.listener());
    }

    /**
     * Trains {@code model} for some epochs.
     *
     * @param model the model (block set)
     * @param qt the controller or {@code null}
     * @param epochs epochs
     * @param train training data
     * @return the trainer, still open (close it)
     */
    static Trainer fit(Model model, QuantizedTraining qt, int epochs, Dataset train)
            throws IOException, TranslateException {
        Trainer trainer = model.newTrainer(config(qt));
        trainer.initialize(INPUT);
        EasyTrain.fit(trainer, epochs, train, null);
        return trainer;
    }

    /**
     * Returns the test accuracy of a trainer's model.
     *
     * @param trainer the trainer
     * @param test the test data
     * @return accuracy in [0, 1]
     */
    static double accuracy(Trainer trainer, Dataset test) throws IOException, TranslateException {
        long correct = 0;
        long total = 0;
        for (Batch batch : trainer.iterateDataset(test)) {
            try (batch) {
                NDList preds = trainer.evaluate(batch.getData());
                NDArray labels = batch.getLabels().singletonOrThrow();
                NDArray hit =
                        preds.singletonOrThrow()
                                .argMax(1)
                                .toType(labels.getDataType(), false)
                                .eq(labels.reshape(-1));
                correct += hit.sum().toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
                total += labels.size();
            }
        }
        return (double) correct / total;
    }

    /**
     * Returns a copy of every parameter's values, in order.
     *
     * @param block the block
     * @return the values
     */
    static List<float[]> parameters(Block block) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    /** Keeps progress bars out of test logs. */
    static ProgressBar noProgress() {
        return null;
    }
}
