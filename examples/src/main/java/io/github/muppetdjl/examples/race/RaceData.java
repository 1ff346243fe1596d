/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.examples.data.FashionMnistData;

import java.io.IOException;

/**
 * The Fashion-MNIST sets of a race, prepared once and shared by every policy.
 *
 * @param source where the data came from
 * @param train the training set, shuffled
 * @param test the test set
 */
public record RaceData(
        FashionMnistData.Source source, RandomAccessDataset train, RandomAccessDataset test) {

    /** Which data the user asked for. */
    public enum Choice {
        /** The full set when Debian's package is installed, else the shipped subset. */
        AUTO,
        /** The 10,000 / 2,000 image subset shipped in the jar. */
        SUBSET,
        /**
         * The full 60,000 / 10,000 set: Debian's package, else DJL's download; never the subset.
         */
        FULL
    }

    /**
     * Resolves and prepares the data.
     *
     * @param choice what the user asked for
     * @param batchSize samples per batch
     * @param sampleLimit samples kept from each set ({@link Long#MAX_VALUE} for all)
     * @return the data
     * @throws IOException if {@code FULL} is neither installed nor downloadable, or reading fails
     * @throws TranslateException if DJL fails to prepare a set
     */
    public static RaceData load(Choice choice, int batchSize, long sampleLimit)
            throws IOException, TranslateException {
        FashionMnistData data;
        switch (choice) {
            case SUBSET:
                data = builder(batchSize, sampleLimit, FashionMnistData.Source.SUBSET).build();
                break;
            case FULL:
                // AUTO tries Debian, then the download; landing on the subset means neither exists.
                data = builder(batchSize, sampleLimit, FashionMnistData.Source.AUTO).build();
                if (data.source() == FashionMnistData.Source.SUBSET) {
                    throw new IOException(
                            "the full Fashion-MNIST is neither installed in "
                                    + FashionMnistData.DEBIAN_DIR
                                    + " (apt-get install dataset-fashion-mnist) nor downloadable;"
                                    + " use --data subset");
                }
                break;
            default:
                try {
                    data = builder(batchSize, sampleLimit, FashionMnistData.Source.DEBIAN).build();
                } catch (IOException notInstalled) {
                    data = builder(batchSize, sampleLimit, FashionMnistData.Source.SUBSET).build();
                }
        }
        return new RaceData(data.source(), data.trainDataset(), data.testDataset());
    }

    private static FashionMnistData.Builder builder(
            int batchSize, long sampleLimit, FashionMnistData.Source source) {
        return FashionMnistData.builder()
                .optSource(source)
                .optBatchSize(batchSize)
                .optLimit(sampleLimit);
    }

    /**
     * Returns a one-line description, e.g. {@code DEBIAN (60000 train / 10000 test)}.
     *
     * @return the description
     */
    public String describe() {
        return source + " (" + train.size() + " train / " + test.size() + " test)";
    }
}
