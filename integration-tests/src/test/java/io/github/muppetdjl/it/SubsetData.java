/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.examples.data.FashionMnistData;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shipped Fashion-MNIST subset (10k train / 2k test) through the library's {@link
 * FashionMnistData} helper, so every run uses the same data whatever is installed. Images come as
 * 1x28x28 with values in [0, 1].
 */
final class SubsetData {

    private SubsetData() {}

    /**
     * Returns a prepared dataset.
     *
     * @param usage train or test
     * @param batchSize the batch size
     * @param shuffle whether to shuffle the training set (seeded through DJL's random numbers)
     * @param limit the most examples to use
     * @return the dataset
     */
    static FashionMnist load(Dataset.Usage usage, int batchSize, boolean shuffle, long limit) {
        try {
            FashionMnistData data =
                    FashionMnistData.builder()
                            .optSource(FashionMnistData.Source.SUBSET)
                            .optBatchSize(batchSize)
                            .optShuffle(shuffle)
                            .optLimit(limit)
                            .build();
            if (data.source() != FashionMnistData.Source.SUBSET) {
                throw new IllegalStateException(
                        "expected the shipped subset, got " + data.source());
            }
            return data.dataset(usage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
    }
}
