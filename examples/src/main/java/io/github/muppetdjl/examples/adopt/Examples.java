/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.adopt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;

import java.io.IOException;

/**
 * What the three examples, the {@code race} command and the integration tests share: the one
 * definition of the small CNN, and a test-accuracy loop.
 */
public final class Examples {

    /** One image batch of one: DJL's Fashion-MNIST gives 1x28x28 images with values in [0, 1]. */
    public static final Shape INPUT = new Shape(1, 1, 28, 28);

    private Examples() {}

    /**
     * Returns the small CNN conv32-pool-conv64-pool-fc128-fc10, from plain DJL layers (the network
     * {@code io.github.muppetdjl.quant.cost.Network.smallCnn()} models for the cost projection).
     *
     * @return a new, uninitialised block
     */
    public static SequentialBlock smallCnn() {
        return new SequentialBlock()
                .add(conv(32))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(64))
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    /**
     * Returns the fraction of test images classified correctly.
     *
     * @param trainer the trainer of the model to evaluate
     * @param test the test set
     * @return the accuracy in [0, 1]
     * @throws IOException if reading the data fails
     * @throws TranslateException if DJL fails to prepare a batch
     */
    public static double accuracy(Trainer trainer, Dataset test)
            throws IOException, TranslateException {
        long correct = 0;
        long total = 0;
        for (Batch batch : trainer.iterateDataset(test)) {
            try (batch) {
                NDArray labels = batch.getLabels().head().reshape(-1);
                NDArray predicted = trainer.evaluate(batch.getData()).head().argMax(1);
                correct +=
                        predicted
                                .toType(DataType.FLOAT32, false)
                                .eq(labels.toType(DataType.FLOAT32, false))
                                .sum()
                                .toType(DataType.INT64, false)
                                .getLong();
                total += labels.size();
            }
        }
        return (double) correct / total;
    }
}
