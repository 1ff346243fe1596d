/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.adopt;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.data.FashionMnistData;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

/**
 * Way 1: an existing EasyTrain loop trained in BFP-8 with stochastic rounding by adding three lines
 * (marked {@code // +}): build the controller, convert the model, wrap the optimizer and add the
 * listener.
 */
public final class DropInListener {

    private DropInListener() {}

    /**
     * Trains the small CNN for one epoch and prints the test accuracy.
     *
     * @param args optional {@code --limit N} and {@code --data SOURCE} ({@link Examples})
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        FashionMnistData data = Examples.Options.parse(args).data();
        Dataset train = data.trainDataset();
        Dataset test = data.testDataset();
        Recipe bfp8 = Recipes.bfp(8);

        SequentialBlock net = Examples.smallCnn();
        Optimizer adam = Optimizer.adam().build();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam);

        QuantizedTraining qt = QuantizedTraining.builder().setRecipe(bfp8).build(); // +
        ModelConverter.convert(net); // +
        config.optOptimizer(qt.wrap(adam)).addTrainingListeners(qt.listener()); // +

        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(Examples.INPUT);
                EasyTrain.fit(trainer, 1, train, null);
                System.out.printf(
                        "data: %s, BFP-8 test accuracy: %.4f%n",
                        data.source(), Examples.accuracy(trainer, test));
            }
        }
    }
}
