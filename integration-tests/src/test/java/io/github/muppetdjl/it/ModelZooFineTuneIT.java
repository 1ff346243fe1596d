/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;

import io.github.muppetdjl.convert.ConversionReport;
import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Train and save a model, load it through {@link Criteria} from its local path, convert it in
 * place, fine-tune it in BFP-8, and reload the converted parameters into the original architecture.
 */
class ModelZooFineTuneIT {

    private static final long SEED = 5;

    @Test
    void convertedFineTuneKeepsAccuracyAndStaysLoadable() throws Exception {
        Dataset train = SubsetData.load(Dataset.Usage.TRAIN, 128, true, Long.MAX_VALUE);
        Dataset test = SubsetData.load(Dataset.Usage.TEST, 256, false, Long.MAX_VALUE);
        Dataset fineTune = SubsetData.load(Dataset.Usage.TRAIN, 128, true, 128 * 25);
        Path dir = Files.createTempDirectory("muppet-zoo");
        Harness.seed(SEED);
        double before;
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(Examples.smallCnn());
            try (Trainer trainer = Harness.fit(model, null, 1, train)) {
                before = Harness.accuracy(trainer, test);
            }
            model.save(dir, "cnn");
        }

        Criteria<NDList, NDList> criteria =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(dir)
                        .optModelName("cnn")
                        .optEngine("PyTorch")
                        .optBlock(Examples.smallCnn())
                        .build();
        Precision bfp8 = Precision.parse("bfp(8)/stochastic");
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(
                                PrecisionPolicy.uniform(
                                        Map.of(
                                                TensorRole.WEIGHT, bfp8,
                                                TensorRole.ACTIVATION, bfp8,
                                                TensorRole.ERROR, bfp8,
                                                TensorRole.WEIGHT_GRADIENT, bfp8)))
                        .optSeed(SEED)
                        .build();
        Path converted = Files.createTempDirectory("muppet-zoo-q");
        double loadedAccuracy;
        double after;
        List<float[]> tuned;
        try (ZooModel<NDList, NDList> zoo = criteria.loadModel()) {
            SequentialBlock block = (SequentialBlock) zoo.getBlock();
            List<float[]> loaded = Harness.parameters(block);
            ConversionReport report = ModelConverter.convert(block);
            assertEquals(4, report.layersReplaced());
            assertParametersEqual(loaded, Harness.parameters(block));
            try (Trainer trainer = zoo.newTrainer(Harness.config(qt))) {
                trainer.initialize(Harness.INPUT);
                loadedAccuracy = Harness.accuracy(trainer, test);
                Harness.seed(SEED);
                // A short fine-tune (25 batches) keeps the suite fast; the claim is about not
                // losing what the loaded model knew.
                ai.djl.training.EasyTrain.fit(trainer, 1, fineTune, null);
                after = Harness.accuracy(trainer, test);
            }
            tuned = Harness.parameters(block);
            zoo.save(converted, "cnn");
        }
        System.out.printf(
                "ModelZoo fine-tune: before %.4f, loaded+converted %.4f, after BFP-8 fine-tune"
                        + " %.4f%n",
                before, loadedAccuracy, after);
        assertTrue(before - after <= 0.01, "accuracy dropped from " + before + " to " + after);

        // The converted model's file loads into the original architecture, value for value.
        try (Model original = Model.newInstance("cnn")) {
            original.setBlock(Examples.smallCnn());
            original.load(converted, "cnn");
            assertParametersEqual(tuned, Harness.parameters(original.getBlock()));
        }
    }

    private static void assertParametersEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, "parameter " + i);
        }
    }
}
