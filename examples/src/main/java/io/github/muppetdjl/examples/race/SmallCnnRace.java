/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.race.Race;
import io.github.muppetdjl.race.RaceResult;
import io.github.muppetdjl.recipe.Recipe;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code race} command's race: the library's {@link Race} on the small CNN ({@link
 * Examples#smallCnn()}, Adam, softmax cross-entropy) and Fashion-MNIST.
 */
public final class SmallCnnRace {

    private SmallCnnRace() {}

    /**
     * Runs the race.
     *
     * @param config what to train
     * @param data the prepared data
     * @param progress where progress bars go; null for none
     * @return the result
     * @throws IOException if reading the data fails
     * @throws TranslateException if DJL fails to prepare a batch
     */
    public static RaceResult run(RaceConfig config, RaceData data, PrintWriter progress)
            throws IOException, TranslateException {
        long steps = (data.train().size() + config.batchSize() - 1) / config.batchSize();
        List<Recipe> recipes =
                config.policies().stream()
                        .map(
                                p ->
                                        RacePolicies.recipe(
                                                p,
                                                config.resolution(),
                                                config.patience(),
                                                steps * config.epochs()))
                        .toList();
        return Race.builder()
                .setRecipes(recipes)
                .setModel(Examples::smallCnn, Examples.INPUT)
                .setData(data.train(), data.test())
                .setLoss(Loss::softmaxCrossEntropyLoss)
                .setOptimizer(() -> Optimizer.adam().build())
                .setEpochs(config.epochs())
                .optSeed(config.seed())
                .optWarmupSteps(config.warmupSteps())
                .optTarget(config.target())
                .optBaseline(config.baseline())
                .optProgress(progress)
                .build()
                .run();
    }
}
