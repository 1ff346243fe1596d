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
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.Network;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.report.RunRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trains the same model under several recipes and compares them (docs/algorithms.md §8.6): every
 * recipe starts from the same weights (the model supplier is called after {@code
 * Engine.setRandomSeed(seed)}) and sees the same batches, and gets a row with its final accuracy,
 * its measured time, its projected cost and memory (estimates) and its precision over time.
 *
 * <pre>{@code
 * RaceResult result = Race.builder()
 *         .setRecipes(Recipes.byName("fp32"), Recipes.byName("muppet"))
 *         .setModel(() -> myBlock(), new Shape(1, 1, 28, 28))
 *         .setData(trainSet, testSet)
 *         .setLoss(Loss::softmaxCrossEntropyLoss)
 *         .setOptimizer(() -> Optimizer.adam().build())
 *         .setEpochs(10)
 *         .build()
 *         .run();
 * result.writeReports(Path.of("race-report"));
 * }</pre>
 *
 * <p><b>Fair timing.</b> Before any clock starts, every recipe trains {@link
 * RaceBuilder#optWarmupSteps warm-up steps} on a throwaway model, so the JIT has compiled the code
 * of every recipe before the first timed step of any; each timed run then starts on a collected
 * heap and records the wall time of every step. The table reports the median step time (steady
 * state, robust to the other load of the machine) beside the total training time.
 *
 * <p><b>Divergence.</b> A recipe whose batch loss stays non-finite for {@value
 * ContenderRun#DIVERGENCE_STEPS} steps in a row stops and is reported as diverged; one that throws
 * is reported as failed with the exception's message. The race goes on with the next recipe.
 */
public final class Race {

    private final List<Recipe> recipes;
    private final Supplier<Block> model;
    private final Shape inputShape;
    private final RandomAccessDataset train;
    private final Dataset test;
    private final Supplier<Loss> loss;
    private final Supplier<Optimizer> optimizer;
    private final int epochs;
    private final long seed;
    private final int warmupSteps;
    private final ThroughputTable target;
    private final Baseline baseline;
    private final Network network;
    private final int stateSlots;
    private final PrintWriter progress;

    Race(RaceBuilder b) {
        recipes = List.copyOf(b.recipes);
        model = b.model;
        inputShape = b.inputShape;
        train = b.train;
        test = b.test;
        loss = b.loss;
        optimizer = b.optimizer;
        epochs = b.epochs;
        seed = b.seed;
        warmupSteps = b.warmupSteps;
        target = b.target;
        baseline = b.baseline != null ? b.baseline : Baseline.defaultFor(b.target);
        network = b.network;
        stateSlots = b.stateSlots;
        progress = b.progress;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static RaceBuilder builder() {
        return new RaceBuilder();
    }

    /**
     * Runs the race: the warm-up of every recipe, then each recipe's timed run, in order.
     *
     * @return the result, one run per recipe in race order
     * @throws IOException if reading the data fails during the warm-up
     * @throws TranslateException if DJL fails to prepare a batch during the warm-up
     */
    public RaceResult run() throws IOException, TranslateException {
        for (Recipe r : recipes) {
            try {
                new ContenderRun(this, r).warmUp(warmupSteps);
            } catch (RuntimeException e) {
                // The timed run meets the same error and reports the recipe as failed.
            }
        }
        List<RunRecord> runs = new ArrayList<>();
        for (Recipe r : recipes) {
            runs.add(new ContenderRun(this, r).timed());
        }
        return new RaceResult(runs, target.name(), baseline);
    }

    Block newModel() {
        Block b = model.get();
        if (b == null) {
            throw new IllegalStateException("the model supplier returned null");
        }
        return b;
    }

    Loss newLoss() {
        return loss.get();
    }

    Optimizer newOptimizer() {
        return optimizer.get();
    }

    /** The run's cost tally, or null when no cost network can be derived from the model. */
    CostTally tally(Block block, long batchSize, Contender c) {
        Network n;
        try {
            n = network != null ? network : BlockNetwork.of(block, inputShape);
        } catch (IllegalArgumentException e) {
            if (progress != null) {
                progress.println("no cost estimate for " + c.name() + ": " + e.getMessage());
            }
            return null;
        }
        return new CostTally(
                n, target, baseline, (int) batchSize, c.recipe().masterPrecision(), stateSlots);
    }

    Shape inputShape() {
        return inputShape;
    }

    RandomAccessDataset train() {
        return train;
    }

    Dataset test() {
        return test;
    }

    int epochs() {
        return epochs;
    }

    long seed() {
        return seed;
    }

    int warmupSteps() {
        return warmupSteps;
    }

    Baseline baseline() {
        return baseline;
    }

    PrintWriter progress() {
        return progress;
    }
}
