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

import io.github.muppetdjl.examples.data.FashionMnistData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the three examples (and the {@code race} command) share: the one definition of the small CNN
 * (the integration tests use it too), the data, a test-accuracy loop, and the two optional
 * arguments every example takes: {@code --limit N} trains and tests on the first N images of each
 * set (default: all), and {@code --data auto|debian|download|subset} says where the images come
 * from (default {@code auto}: see {@link FashionMnistData.Source}). The tests run every example
 * with a small limit on the subset.
 */
public final class Examples {

    /** One image batch of one: DJL's Fashion-MNIST gives 1x28x28 images with values in [0, 1]. */
    public static final Shape INPUT = new Shape(1, 1, 28, 28);

    private Examples() {}

    /**
     * The examples' optional arguments.
     *
     * @param limit how many images of each set to use
     * @param source where the images come from
     * @param positional the other arguments, in order
     */
    public record Options(long limit, FashionMnistData.Source source, List<String> positional) {

        /**
         * Reads {@code --limit N} and {@code --data SOURCE}; every other argument is positional.
         *
         * @param args the main's arguments
         * @return the options
         * @throws IllegalArgumentException if a value is missing or malformed
         */
        public static Options parse(String... args) {
            long limit = Long.MAX_VALUE;
            FashionMnistData.Source source = FashionMnistData.Source.AUTO;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--limit") || args[i].equals("--data")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    String value = args[++i];
                    if (args[i - 1].equals("--limit")) {
                        limit = Long.parseLong(value);
                    } else {
                        source = FashionMnistData.Source.valueOf(value.toUpperCase(Locale.ROOT));
                    }
                } else {
                    positional.add(args[i]);
                }
            }
            return new Options(limit, source, List.copyOf(positional));
        }

        /**
         * Returns Fashion-MNIST in batches of 128, as these options select it.
         *
         * @return the data
         * @throws IOException if the data cannot be prepared
         */
        public FashionMnistData data() throws IOException {
            return FashionMnistData.builder()
                    .optBatchSize(128)
                    .optSource(source)
                    .optLimit(limit)
                    .build();
        }
    }

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
