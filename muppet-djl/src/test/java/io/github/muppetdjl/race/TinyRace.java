/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.Random;

/** A tiny race set-up: 4x8x8 images of 4 classes, a conv and a dense layer. */
final class TinyRace {

    static final Shape INPUT = new Shape(1, 1, 8, 8);

    private TinyRace() {}

    /** conv(4, 3x3, pad 1) - relu - flatten - dense(4). */
    static SequentialBlock model() {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(4)
                                .build())
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(4).build());
    }

    /** {@code n} images whose class is the brightest quadrant, so a few steps learn something. */
    static ArrayDataset data(NDManager manager, int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 64];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(4);
            y[i] = label;
            for (int p = 0; p < 64; p++) {
                int quadrant = (p / 8 >= 4 ? 2 : 0) + (p % 8 >= 4 ? 1 : 0);
                x[i * 64 + p] = (float) r.nextGaussian() * 0.3f + (quadrant == label ? 1f : 0f);
            }
        }
        NDArray images = manager.create(x, new Shape(n, 1, 8, 8));
        NDArray labels = manager.create(y, new Shape(n));
        return new ArrayDataset.Builder()
                .setData(images)
                .optLabels(labels)
                .setSampling(16, true)
                .build();
    }

    static RaceBuilder builder(NDManager manager) {
        return Race.builder()
                .setModel(TinyRace::model, INPUT)
                .setData(data(manager, 64, 1), data(manager, 32, 2))
                .setLoss(Loss::softmaxCrossEntropyLoss)
                .setOptimizer(() -> Optimizer.adam().build())
                .setEpochs(1)
                .optWarmupSteps(2);
    }

    /** Plain SGD with a learning rate that sends the weights to infinity within a few steps. */
    static Optimizer exploding() {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e30f)).build();
    }
}
