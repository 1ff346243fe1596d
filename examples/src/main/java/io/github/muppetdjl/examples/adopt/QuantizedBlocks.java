/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.adopt;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.examples.data.FashionMnistData;
import io.github.muppetdjl.nn.LayerPrecisions;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedConv2d;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

import java.util.Map;

/**
 * Way 2: quantised layers and sites written into your own model. Each layer has weight, input and
 * output precision slots; a site quantises the activation forward and the error backward. Here the
 * controller's policy quantises the errors to FP8 E5M2, while the layers' own slots quantise
 * weights and inputs to FP8 E4M3. FP8 errors need loss scaling, so the loss is wrapped too.
 */
public final class QuantizedBlocks {

    private QuantizedBlocks() {}

    /**
     * Trains the model for one epoch and prints the test accuracy.
     *
     * @param args unused
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        Precision e4m3 = Precision.parse("fp8-e4m3/nearest");
        LayerPrecisions slots = new LayerPrecisions(e4m3, e4m3, Precision.FP32);
        SequentialBlock net =
                new SequentialBlock()
                        .add(
                                QuantizedConv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .optPadding(new Shape(1, 1))
                                        .setFilters(32)
                                        .optPrecisions(slots)
                                        .build())
                        .add(QuantizationSite.builder().optName("conv").build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(QuantizedLinear.builder().setUnits(128).optPrecisions(slots).build())
                        .add(QuantizationSite.builder().optName("fc").build())
                        .add(Activation::relu)
                        .add(QuantizedLinear.builder().setUnits(10).build());

        Precision e5m2 = Precision.parse("fp8-e5m2/stochastic");
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(PrecisionPolicy.uniform(Map.of(TensorRole.ERROR, e5m2)))
                        // FP8 errors underflow without loss scaling (E5M2's smallest is 2^-16).
                        .optLossScaler(DynamicLossScaler.builder().build())
                        .build();
        FashionMnistData data = FashionMnistData.builder().optBatchSize(128).build();
        Dataset train = data.trainDataset();
        try (Model model = Model.newInstance("own")) {
            model.setBlock(net);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(qt.wrapLoss(Loss.softmaxCrossEntropyLoss()))
                            .optOptimizer(qt.wrap(Optimizer.adam().build()))
                            .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(Examples.INPUT);
                EasyTrain.fit(trainer, 1, train, null);
                System.out.printf(
                        "test accuracy: %.4f%n", Examples.accuracy(trainer, data.testDataset()));
            }
        }
    }
}
