/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.examples.data.FashionMnistData;
import io.github.muppetdjl.race.Race;
import io.github.muppetdjl.race.RaceResult;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The race API on a second architecture: DJL's own ResNetV1 with 20 layers (three stages of three
 * residual units, 16/32/64 filters, the CIFAR-style ResNet-20 that DJL builds for small images) on
 * Fashion-MNIST, trained with SGD and momentum. Nothing here is specific to the small CNN: the
 * model is a {@code Supplier<Block>}, the cost network and the sites are found by walking it.
 *
 * <pre>
 * java -cp examples/target/muppet.jar io.github.muppetdjl.examples.race.ResNetRace \
 *     [--limit N] [--data auto|debian|download|subset] [EPOCHS [RECIPE,...] [OUT [WARMUP]]]]
 * </pre>
 *
 * <p>Defaults: 2 epochs, {@code fp32,bfp8,muppet}, report in {@code resnet-race-report}. A
 * ResNet-20 step costs about ten times a small-CNN step on a CPU, so {@code --limit 2048} keeps a
 * try short.
 */
public final class ResNetRace {

    /** One 28x28 grey image, batch dimension 1. */
    static final Shape INPUT = new Shape(1, 1, 28, 28);

    private ResNetRace() {}

    /**
     * Returns DJL's ResNet-20 for 28x28 grey images and 10 classes.
     *
     * @return a new, uninitialised block
     */
    public static Block resNet20() {
        return ResNetV1.builder()
                .setImageShape(new Shape(1, 28, 28))
                .setNumLayers(20)
                .setOutSize(10)
                .build();
    }

    /**
     * Runs the example.
     *
     * @param args {@code [--limit N] [--data SOURCE] [EPOCHS [RECIPES [OUT [WARMUP]]]]}
     * @throws Exception if the data cannot be read or training fails
     */
    public static void main(String[] args) throws Exception {
        Examples.Options options = Examples.Options.parse(args);
        List<String> pos = options.positional();
        int epochs = pos.size() > 0 ? Integer.parseInt(pos.get(0)) : 2;
        List<String> recipes =
                Arrays.asList((pos.size() > 1 ? pos.get(1) : "fp32,bfp8,muppet").split(","));
        Path out = Path.of(pos.size() > 2 ? pos.get(2) : "resnet-race-report");
        int warmup = pos.size() > 3 ? Integer.parseInt(pos.get(3)) : 5;
        FashionMnistData data = options.data();
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        RaceResult result =
                Race.builder()
                        .setRecipeNames(recipes)
                        .setModel(ResNetRace::resNet20, INPUT)
                        .setData(data.trainDataset(), data.testDataset())
                        .setLoss(Loss::softmaxCrossEntropyLoss)
                        .setOptimizer(
                                () ->
                                        Optimizer.sgd()
                                                .setLearningRateTracker(Tracker.fixed(0.05f))
                                                .optMomentum(0.9f)
                                                .build())
                        .optOptimizerStateSlots(1)
                        .setEpochs(epochs)
                        .optWarmupSteps(warmup)
                        .optProgress(err)
                        .build()
                        .run();
        System.out.print(result.table());
        System.out.println(
                "data: Fashion-MNIST "
                        + data.source()
                        + " ("
                        + data.trainDataset().size()
                        + " train / "
                        + data.testDataset().size()
                        + " test), "
                        + epochs
                        + " epochs, ResNet-20 (DJL ResNetV1)");
        System.out.println(result.projectionNote());
        System.out.println("report: " + result.writeReports(out));
    }
}
