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
import io.github.muppetdjl.nn.QuantizedLayer;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.training.QuantizedTraining;

import java.util.Map;

/**
 * Way 2: quantised layers and sites written into your own model. Each layer has weight, input and
 * output precision slots; a site quantises the activation forward and the error backward.
 *
 * <p>Who decides which precision: the controller's policy owns every weight (the optimizer wrapper
 * writes the weights at the policy's precision, and a policy overrides the weight precision set on
 * a layer's builder), the activations and errors at the sites; a layer's input and output slots are
 * its own, and no policy changes them. Here the policy quantises every weight to FP8 E4M3 and the
 * errors at the two sites to FP8 E5M2 (stochastic), and the first two layers' input slots quantise
 * their inputs to E4M3. FP8 errors need loss scaling, so the loss is wrapped too. After training it
 * prints each quantisation point's precisions and the test accuracy.
 */
public final class QuantizedBlocks {

    private QuantizedBlocks() {}

    /**
     * Trains the model for one epoch and prints the precisions in force and the test accuracy.
     *
     * @param args optional {@code --limit N} and {@code --data SOURCE} ({@link Examples})
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        Precision e4m3 = Precision.parse("fp8-e4m3/nearest");
        // Input slot E4M3; the weight slot is what the layer would use standalone, and the policy
        // below sets the weights anyway; the output is left to the sites.
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
                        .setPolicy(
                                PrecisionPolicy.uniform(
                                        Map.of(TensorRole.WEIGHT, e4m3, TensorRole.ERROR, e5m2)))
                        // FP8 errors underflow without loss scaling (E5M2's smallest is 2^-16).
                        .optLossScaler(DynamicLossScaler.builder().build())
                        .build();
        FashionMnistData data = Examples.Options.parse(args).data();
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
                for (QuantizationPoint p : qt.getRegistry().points()) {
                    System.out.println(p.core().descriptor().name() + ": " + describe(p));
                }
                System.out.printf(
                        "test accuracy: %.4f%n", Examples.accuracy(trainer, data.testDataset()));
            }
        }
    }

    private static String describe(QuantizationPoint p) {
        if (p instanceof QuantizedLayer layer) {
            LayerPrecisions slots = layer.getPrecisions();
            return "weight "
                    + slots.weight()
                    + ", input "
                    + slots.input()
                    + ", output "
                    + slots.output();
        }
        QuantizationSite site = (QuantizationSite) p;
        return "activation "
                + site.getActivationPrecision()
                + ", error "
                + site.getErrorPrecision();
    }
}
