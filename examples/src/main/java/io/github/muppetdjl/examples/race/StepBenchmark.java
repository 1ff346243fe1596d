/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.race.TrainSteps;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Times one training step of the small CNN (Adam, softmax cross-entropy) in FP32 (plain DJL) and
 * with every site quantised (the model converted by {@link ModelConverter}, BFP-8 with stochastic
 * rounding on weights, activations, errors and weight gradients through a {@link
 * QuantizedTraining}). Both models train on the same real Fashion-MNIST batches; after a warm-up,
 * the timed steps alternate between the two, so that load from other processes hits both alike, and
 * each model's time per step is the median over its timed steps.
 *
 * <p>The warm-up matters: the Java code around each quantiser call (a few dozen per step) runs
 * interpreted or in a profiling tier until HotSpot compiles it, which takes a few hundred steps
 * (the measurement is in {@code docs/benchmarks.md}); a training run spends all but its first few
 * hundred steps in that steady state.
 */
public final class StepBenchmark {

    private final int warmup;
    private final int steps;
    private final long seed;
    private final Consumer<String> progress;

    /**
     * Creates a benchmark.
     *
     * @param warmup untimed steps of each model first; at least 0
     * @param steps timed steps of each model; at least 1
     * @param seed the seed of initialisation and rounding
     * @param progress receives progress lines; null for none
     */
    public StepBenchmark(int warmup, int steps, long seed, Consumer<String> progress) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be at least 0, got " + warmup);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        this.warmup = warmup;
        this.steps = steps;
        this.seed = seed;
        this.progress = progress == null ? line -> {} : progress;
    }

    /**
     * Runs the benchmark.
     *
     * @param data the data; its batch size is the benchmark's
     * @return the timing
     * @throws IOException if reading the data fails
     * @throws TranslateException if DJL fails to prepare a batch
     */
    public StepTiming run(RaceData data) throws IOException, TranslateException {
        Recipe bfp8 = Recipes.bfp(8);
        QuantizedTraining qt = QuantizedTraining.builder().setRecipe(bfp8).optSeed(seed).build();
        try (NDManager manager = NDManager.newBaseManager();
                Model fp32 = Model.newInstance("bench-fp32");
                Model quantized = Model.newInstance("bench-bfp8")) {
            Engine.getInstance().setRandomSeed((int) seed);
            fp32.setBlock(Examples.smallCnn());
            Engine.getInstance().setRandomSeed((int) seed);
            SequentialBlock net = Examples.smallCnn();
            ModelConverter.convert(net);
            quantized.setBlock(net);
            DefaultTrainingConfig plain =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(Optimizer.adam().build());
            DefaultTrainingConfig quant =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(qt.wrap(Optimizer.adam().build()))
                            .addTrainingListeners(qt.listener());
            try (Trainer a = fp32.newTrainer(plain);
                    Trainer b = quantized.newTrainer(quant)) {
                a.initialize(Examples.INPUT);
                b.initialize(Examples.INPUT);
                b.notifyListeners(l -> l.onTrainingBegin(b));
                Iterator<Batch> batches = null;
                long[] fp32Nanos = new long[steps];
                long[] quantNanos = new long[steps];
                for (int i = 0; i < warmup + steps; i++) {
                    if (batches == null || !batches.hasNext()) {
                        batches = data.train().getData(manager).iterator();
                    }
                    try (Batch batch = batches.next()) {
                        // Alternate which goes first, so neither always inherits a warm cache.
                        boolean fp32First = i % 2 == 0;
                        long first = timed(fp32First ? a : b, batch);
                        long second = timed(fp32First ? b : a, batch);
                        if (i >= warmup) {
                            fp32Nanos[i - warmup] = fp32First ? first : second;
                            quantNanos[i - warmup] = fp32First ? second : first;
                        }
                    }
                    if (i + 1 == warmup) {
                        progress.accept("warm-up done (" + warmup + " steps each)");
                    } else if (i >= warmup && (i + 1 - warmup) % 10 == 0) {
                        progress.accept("timed " + (i + 1 - warmup) + "/" + steps + " steps each");
                    }
                }
                return new StepTiming(median(fp32Nanos) / 1e6, median(quantNanos) / 1e6, steps);
            }
        }
    }

    /**
     * The median: on a shared machine a few steps stall for reasons of their own (another tenant, a
     * garbage collection), and a mean would charge them to whichever model they hit.
     */
    static double median(long[] nanos) {
        long[] v = nanos.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
    }

    private static long timed(Trainer trainer, Batch batch) {
        long t0 = System.nanoTime();
        TrainSteps.step(trainer, batch, 1f);
        return System.nanoTime() - t0;
    }
}
