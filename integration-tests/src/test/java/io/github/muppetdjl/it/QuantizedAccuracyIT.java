/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the small CNN (Adam, batch 128) for 2 epochs on the shipped subset in FP32, in BFP-8 with
 * stochastic rounding on weights, activations, errors and weight gradients, and in FP8 E5M2, and
 * compares test accuracies. FP32 and BFP-8 are averaged over two seeds (same seeds, so the runs are
 * paired in initialisation and data order).
 */
class QuantizedAccuracyIT {

    private static final long SEED = 42;

    /**
     * Seeds the accuracy comparisons average over. One seed is not enough: the 2,000 test images
     * alone give each accuracy a standard error of about 0.75 points.
     */
    private static final long[] SEEDS = {42, 43};

    private static final int EPOCHS = 2;
    private static Dataset train;
    private static Dataset test;
    private static double fp32;

    @BeforeAll
    static void baseline() throws Exception {
        train = SubsetData.load(Dataset.Usage.TRAIN, 128, true, Long.MAX_VALUE);
        test = SubsetData.load(Dataset.Usage.TEST, 256, false, Long.MAX_VALUE);
        double sum = 0;
        for (long seed : SEEDS) {
            double acc = run(null, false, seed);
            System.out.printf("FP32 test accuracy %.4f (seed %d)%n", acc, seed);
            assertTrue(acc > 0.80, "FP32 accuracy " + acc);
            sum += acc;
        }
        fp32 = sum / SEEDS.length;
    }

    private static double run(QuantizedTraining qt, boolean convert) throws Exception {
        return run(qt, convert, SEED);
    }

    private static double run(QuantizedTraining qt, boolean convert, long seed) throws Exception {
        Harness.seed(seed);
        SequentialBlock net = Examples.smallCnn();
        if (convert) {
            ModelConverter.convert(net);
            List<String> names =
                    qt.attach(net).points().stream()
                            .map(p -> p.core().descriptor().name())
                            .toList();
            assertEquals(
                    List.of(
                            "01QuantizedConv2d",
                            "04QuantizationSite",
                            "05QuantizedConv2d",
                            "09QuantizationSite",
                            "10QuantizedLinear",
                            "12QuantizationSite",
                            "13QuantizedLinear",
                            "14QuantizationSite"),
                    names);
        }
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(net);
            try (Trainer trainer = Harness.fit(model, qt, EPOCHS, train)) {
                return Harness.accuracy(trainer, test);
            }
        }
    }

    @Test
    void bfp8StochasticEverywhereStaysWithinOneAndAHalfPoints() throws Exception {
        Recipe bfp8 = Recipes.bfp(8);
        double sum = 0;
        for (long seed : SEEDS) {
            QuantizedTraining qt =
                    QuantizedTraining.builder().setRecipe(bfp8).optSeed(seed).build();
            double acc = run(qt, true, seed);
            System.out.printf("BFP-8 test accuracy %.4f (seed %d)%n", acc, seed);
            assertTrue(acc > 0.80, "BFP-8 accuracy " + acc);
            sum += acc;
        }
        double bfp8Mean = sum / SEEDS.length;
        System.out.printf("BFP-8 mean %.4f, FP32 mean %.4f%n", bfp8Mean, fp32);
        assertTrue(fp32 - bfp8Mean <= 0.015, "BFP-8 " + bfp8Mean + " vs FP32 " + fp32);
    }

    @Test
    void fp8E5m2StaysWithinTwoPoints() throws Exception {
        Precision nearest = Precision.parse("fp8-e5m2/nearest");
        Precision stochastic = Precision.parse("fp8-e5m2/stochastic");
        PrecisionPolicy fp8 =
                PrecisionPolicy.uniform(
                        Map.of(
                                TensorRole.WEIGHT, nearest,
                                TensorRole.ACTIVATION, nearest,
                                TensorRole.ERROR, stochastic,
                                TensorRole.WEIGHT_GRADIENT, stochastic));
        // Mellempudi et al. 2019 (docs/algorithms.md §6.2): the first conv and the last dense
        // layer,
        // with their sites (after the first conv's ReLU and pooling), stay in high precision.
        Set<String> high = Set.of("01QuantizedConv2d", "04QuantizationSite");
        Set<String> last = Set.of("13QuantizedLinear", "14QuantizationSite");
        PrecisionPolicy policy =
                (site, role) ->
                        high.contains(site.name()) || last.contains(site.name())
                                ? Precision.FP32
                                : fp8.resolve(site, role);
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(policy)
                        .optSeed(SEED)
                        .optMasterPrecision(Precision.parse("fp16/stochastic"))
                        .optLossScaler(DynamicLossScaler.builder().build())
                        .build();
        double acc = run(qt, true);
        System.out.printf("FP8 E5M2 test accuracy %.4f (FP32 mean %.4f)%n", acc, fp32);
        assertTrue(fp32 - acc <= 0.02, "FP8 " + acc + " vs FP32 " + fp32);
    }
}
