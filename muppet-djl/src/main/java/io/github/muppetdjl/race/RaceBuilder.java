/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.Network;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds a {@link Race}. Required: recipes, model and input shape, data, loss, optimizer, epochs.
 * Optional: seed (default 42), warm-up steps (default {@value #DEFAULT_WARMUP}), projection target
 * (default the H100 table) and baseline (default {@link Baseline#defaultFor}), the cost network
 * (default derived from the model by {@link BlockNetwork}), optimizer state slots (default 2, Adam)
 * and a progress stream.
 */
public final class RaceBuilder {

    /** The default number of warm-up steps per recipe. */
    public static final int DEFAULT_WARMUP = 20;

    final List<Recipe> recipes = new ArrayList<>();
    Supplier<Block> model;
    Shape inputShape;
    RandomAccessDataset train;
    Dataset test;
    Supplier<Loss> loss;
    Supplier<Optimizer> optimizer;
    int epochs;
    long seed = 42;
    int warmupSteps = DEFAULT_WARMUP;
    ThroughputTable target = ThroughputTable.h100Sxm();
    Baseline baseline;
    Network network;
    int stateSlots = 2;
    PrintWriter progress;

    RaceBuilder() {}

    /**
     * Sets the recipes, in race order (required; at least one, names unique).
     *
     * @param values the recipes
     * @return this builder
     */
    public RaceBuilder setRecipes(List<Recipe> values) {
        if (values == null) {
            throw new IllegalArgumentException("recipes must not be null");
        }
        recipes.clear();
        recipes.addAll(values);
        return this;
    }

    /**
     * Sets the recipes by name ({@link Recipes#byName}), in race order.
     *
     * @param names names from {@link Recipes#NAMES}
     * @return this builder
     * @throws IllegalArgumentException naming the legal names if one is unknown
     */
    public RaceBuilder setRecipeNames(List<String> names) {
        if (names == null) {
            throw new IllegalArgumentException("names must not be null");
        }
        return setRecipes(names.stream().map(Recipes::byName).toList());
    }

    /**
     * Sets the model (required): the supplier is called once per run, after the engine's seed is
     * set, so every recipe starts from the same weights.
     *
     * @param supplier creates a fresh, uninitialised block
     * @param input the shape to initialise it with, batch dimension 1, e.g. {@code (1, 1, 28, 28)}
     * @return this builder
     */
    public RaceBuilder setModel(Supplier<Block> supplier, Shape input) {
        model = supplier;
        inputShape = input;
        return this;
    }

    /**
     * Sets the data (required).
     *
     * @param trainSet the training set (shuffled by its sampler, from the engine's seed)
     * @param testSet the set the accuracy after each epoch is measured on
     * @return this builder
     */
    public RaceBuilder setData(RandomAccessDataset trainSet, Dataset testSet) {
        train = trainSet;
        test = testSet;
        return this;
    }

    /**
     * Sets the loss (required).
     *
     * @param supplier creates the loss of one run, e.g. {@code Loss::softmaxCrossEntropyLoss}
     * @return this builder
     */
    public RaceBuilder setLoss(Supplier<Loss> supplier) {
        loss = supplier;
        return this;
    }

    /**
     * Sets the optimizer (required).
     *
     * @param supplier creates the optimizer of one run
     * @return this builder
     */
    public RaceBuilder setOptimizer(Supplier<Optimizer> supplier) {
        optimizer = supplier;
        return this;
    }

    /**
     * Sets the epochs per recipe (required; at least 1).
     *
     * @param value the epochs
     * @return this builder
     */
    public RaceBuilder setEpochs(int value) {
        epochs = value;
        return this;
    }

    /**
     * Sets the seed of initialisation, shuffling and stochastic rounding (default 42).
     *
     * @param value the seed
     * @return this builder
     */
    public RaceBuilder optSeed(long value) {
        seed = value;
        return this;
    }

    /**
     * Sets the untimed steps each recipe trains before any clock starts (default {@value
     * #DEFAULT_WARMUP}; 0 for none).
     *
     * @param value at least 0
     * @return this builder
     */
    public RaceBuilder optWarmupSteps(int value) {
        warmupSteps = value;
        return this;
    }

    /**
     * Sets the target of the cost projection (default {@link ThroughputTable#h100Sxm()}).
     *
     * @param value the table
     * @return this builder
     */
    public RaceBuilder optTarget(ThroughputTable value) {
        target = value;
        return this;
    }

    /**
     * Sets the baseline projected costs are relative to (default {@link
     * Baseline#defaultFor(ThroughputTable)}: TF32 where the target has it, else FP32).
     *
     * @param value the baseline
     * @return this builder
     */
    public RaceBuilder optBaseline(Baseline value) {
        baseline = value;
        return this;
    }

    /**
     * Sets the cost network by hand (default: derived from each run's model).
     *
     * @param value the network, its layer names those of the model's sites
     * @return this builder
     */
    public RaceBuilder optNetwork(Network value) {
        network = value;
        return this;
    }

    /**
     * Sets the optimizer state tensors per weight in the memory estimate (default 2, Adam).
     *
     * @param value at least 0
     * @return this builder
     */
    public RaceBuilder optOptimizerStateSlots(int value) {
        stateSlots = value;
        return this;
    }

    /**
     * Sets where progress bars go (default: none).
     *
     * @param value a stream, or null
     * @return this builder
     */
    public RaceBuilder optProgress(PrintWriter value) {
        progress = value;
        return this;
    }

    /**
     * Validates the settings and builds the race.
     *
     * @return the race
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    public Race build() {
        if (recipes.isEmpty()) {
            throw new IllegalArgumentException("setRecipes: at least one recipe is required");
        }
        Set<String> names = new HashSet<>();
        for (Recipe r : recipes) {
            if (r == null) {
                throw new IllegalArgumentException("setRecipes: a recipe is null");
            }
            if (!names.add(r.name())) {
                throw new IllegalArgumentException(
                        "setRecipes: recipe names must not repeat, got '" + r.name() + "' twice");
            }
        }
        if (model == null || inputShape == null) {
            throw new IllegalArgumentException(
                    "setModel: a model supplier and input shape are required");
        }
        if (train == null || test == null) {
            throw new IllegalArgumentException("setData: a training and a test set are required");
        }
        if (loss == null || optimizer == null) {
            throw new IllegalArgumentException("setLoss and setOptimizer are required");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("setEpochs: at least 1, got " + epochs);
        }
        if (warmupSteps < 0 || stateSlots < 0) {
            throw new IllegalArgumentException(
                    "optWarmupSteps and optOptimizerStateSlots must be at least 0");
        }
        if (target == null) {
            throw new IllegalArgumentException("optTarget must not be null");
        }
        return new Race(this);
    }
}
