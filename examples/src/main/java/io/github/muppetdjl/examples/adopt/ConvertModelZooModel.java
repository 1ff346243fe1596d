/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.adopt;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ConversionReport;
import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.data.FashionMnistData;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Way 3: load a saved model through {@link Criteria} from a local path, convert it in place, and
 * fine-tune it in FP8 E5M2 with FP16 master weights and dynamic loss scaling. The fine-tuned
 * parameters are saved in the original file format, loadable without muppet-djl.
 */
public final class ConvertModelZooModel {

    private ConvertModelZooModel() {}

    /**
     * Trains and saves a model, then loads, converts and fine-tunes it.
     *
     * @param args optional: a directory holding {@code cnn-0000.params} from a previous run (else a
     *     model is trained first), then {@code --limit N} and {@code --data SOURCE} ({@link
     *     Examples})
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        Examples.Options options = Examples.Options.parse(args);
        FashionMnistData data = options.data();
        Dataset train = data.trainDataset();
        Dataset test = data.testDataset();
        boolean given = !options.positional().isEmpty();
        Path dir = given ? Path.of(options.positional().get(0)) : Files.createTempDirectory("cnn");
        if (!given) { // a model to start from
            try (Model model = Model.newInstance("cnn")) {
                model.setBlock(Examples.smallCnn());
                try (Trainer trainer =
                        model.newTrainer(
                                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
                    trainer.initialize(Examples.INPUT);
                    EasyTrain.fit(trainer, 1, train, null);
                }
                model.save(dir, "cnn");
            }
        }

        Criteria<NDList, NDList> criteria =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(dir)
                        .optModelName("cnn")
                        .optBlock(Examples.smallCnn())
                        .build();
        Precision nearest = Precision.parse("fp8-e5m2/nearest");
        Precision stochastic = Precision.parse("fp8-e5m2/stochastic");
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(
                                PrecisionPolicy.uniform(
                                        Map.of(
                                                TensorRole.WEIGHT, nearest,
                                                TensorRole.ACTIVATION, nearest,
                                                TensorRole.ERROR, stochastic,
                                                TensorRole.WEIGHT_GRADIENT, stochastic)))
                        .optMasterPrecision(Precision.parse("fp16/stochastic"))
                        .optLossScaler(DynamicLossScaler.builder().build())
                        .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel()) {
            ConversionReport report = ModelConverter.convert(model.getBlock());
            System.out.println("converted: " + report);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(qt.wrapLoss(Loss.softmaxCrossEntropyLoss()))
                            .optOptimizer(qt.wrap(Optimizer.adam().build()))
                            .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(Examples.INPUT);
                System.out.printf("before: %.4f%n", Examples.accuracy(trainer, test));
                EasyTrain.fit(trainer, 1, train, null);
                System.out.printf(
                        "after FP8 fine-tuning: %.4f%n", Examples.accuracy(trainer, test));
            }
            model.save(dir, "cnn-fp8");
            System.out.println("saved cnn-fp8 parameters in " + dir);
        }
    }
}
