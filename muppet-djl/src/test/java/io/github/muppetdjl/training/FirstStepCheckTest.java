/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.recipe.Recipes;

import org.junit.jupiter.api.Test;

/**
 * An all-zero first batch whose gradients cancel exactly: zero input and zero biases leave only the
 * dense layer's bias gradient, softmax(0, 0) - onehot = [-0.5, 0.5], whose signed sum is exactly 0.
 * DJL's first-step check refuses it in plain DJL; under the listener it trains, and a step whose
 * gradients are really all zero is still refused.
 */
class FirstStepCheckTest {

    private static SequentialBlock net() {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        net.setInitializer(Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
        return net;
    }

    private static Batch zeroBatch(NDManager m) {
        NDArray x = m.zeros(new Shape(1, 3));
        NDArray y = m.create(new float[] {0f});
        return new Batch(
                m, new NDList(x), new NDList(y), 1, Batchifier.STACK, Batchifier.STACK, 1, 1);
    }

    private static Optimizer sgd() {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
    }

    @Test
    void plainDjlRefusesExactlyCancellingGradients() {
        try (Model model = Model.newInstance("plain")) {
            model.setBlock(net());
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd());
            try (Trainer trainer = model.newTrainer(config);
                    Batch batch = zeroBatch(trainer.getManager())) {
                trainer.initialize(new Shape(1, 3));
                EasyTrain.trainBatch(trainer, batch);
                IllegalStateException e = assertThrows(IllegalStateException.class, trainer::step);
                assertTrue(e.getMessage().contains("all zeros"), e.getMessage());
            }
        }
    }

    @Test
    void underTheListenerTheyTrain() {
        try (Model model = Model.newInstance("quantised")) {
            SequentialBlock net = net();
            ModelConverter.convert(net);
            model.setBlock(net);
            QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.bfp(8)).build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(qt.wrapLoss(Loss.softmaxCrossEntropyLoss()))
                            .optOptimizer(qt.wrap(sgd()))
                            .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config);
                    Batch batch = zeroBatch(trainer.getManager())) {
                trainer.initialize(new Shape(1, 3));
                EasyTrain.trainBatch(trainer, batch);
                assertDoesNotThrow(trainer::step);
                float[] bias = net.getParameters().valueAt(1).getArray().toFloatArray();
                // SGD at 0.1 on the bias gradient [-0.5, 0.5], then BFP-8 (step 2^-11 here).
                assertEquals(0.05f, bias[0], 1e-3f);
                assertEquals(-0.05f, bias[1], 1e-3f);
            }
        }
    }

    @Test
    void reallyZeroGradientsAreStillRefused() {
        try (Model model = Model.newInstance("zero")) {
            SequentialBlock net = net();
            model.setBlock(net);
            QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.fp32()).build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optOptimizer(qt.wrap(sgd()))
                            .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3));
                // No backward at all: every gradient is zero, and DJL's own check refuses.
                trainer.notifyListeners(l -> l.onTrainingBatch(trainer, null));
                IllegalStateException e = assertThrows(IllegalStateException.class, trainer::step);
                assertTrue(e.getMessage().contains("all zeros"), e.getMessage());
            }
        }
    }
}
