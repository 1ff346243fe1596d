/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;

import io.github.muppetdjl.convert.ConversionReport;
import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** In-place conversion of DJL's ResNetV1 (residual fan-outs inside ParallelBlocks). */
class ResNetConversionIT {

    private static final Shape IMAGE = new Shape(2, 1, 28, 28);

    private static Block resnet() {
        return ResNetV1.builder()
                .setImageShape(new Shape(1, 28, 28))
                .setNumLayers(20)
                .setOutSize(10)
                .build();
    }

    private static float[] input() {
        java.util.Random r = new java.util.Random(9);
        float[] x = new float[(int) IMAGE.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static int count(Block b, Class<?> type) {
        int n = type.isInstance(b) ? 1 : 0;
        for (Pair<String, Block> c : b.getChildren()) {
            n += count(c.getValue(), type);
        }
        return n;
    }

    @Test
    void convertsEveryLayerAndTrainsWithErrorCuts() throws Exception {
        Harness.seed(3);
        Block net = resnet();
        int convs = count(net, Conv2d.class);
        int linears = count(net, Linear.class);
        Path dir = Files.createTempDirectory("muppet-resnet");
        float[] before;
        try (Model model = Model.newInstance("resnet")) {
            model.setBlock(net);
            Precision bfp8 = Precision.parse("bfp(8)/stochastic");
            QuantizedTraining qt =
                    QuantizedTraining.builder()
                            .setPolicy(
                                    PrecisionPolicy.uniform(
                                            Map.of(
                                                    TensorRole.ACTIVATION, bfp8,
                                                    TensorRole.ERROR, bfp8)))
                            .build();
            try (Trainer trainer = model.newTrainer(Harness.config(qt))) {
                trainer.initialize(IMAGE);
                NDArray x = trainer.getManager().create(input(), IMAGE);
                before = trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
                model.save(dir, "plain");
            }
            {
                ConversionReport report = ModelConverter.convert(net);
                assertEquals(convs + linears, report.layersReplaced());
                assertEquals(
                        0,
                        count(net, Conv2d.class)
                                - count(net, io.github.muppetdjl.nn.QuantizedConv2d.class));
                int sites = count(net, QuantizationSite.class);
                assertEquals(report.sitesInserted(), sites);
                assertTrue(sites > convs + linears, "fan-out sites expected, got " + sites);
                assertTrue(report.opaqueBlocks().isEmpty(), report.opaqueBlocks().toString());
            }
            // A new trainer (and controller) sees the converted block; FP32 first: same outputs.
            qt = QuantizedTraining.builder().setPolicy(PrecisionPolicy.fp32()).build();
            try (Trainer trainer = model.newTrainer(Harness.config(qt))) {
                trainer.initialize(IMAGE);
                qt.attach(net);
                NDArray x = trainer.getManager().create(input(), IMAGE);
                float[] after = trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
                assertArrayEquals(before, after, 0f);
                // Quantised training steps through every residual unit with keepGraph=false.
                qt.setPolicy(
                        PrecisionPolicy.uniform(
                                Map.of(
                                        TensorRole.ACTIVATION, Precision.parse("bfp(8)/stochastic"),
                                        TensorRole.ERROR, Precision.parse("bfp(8)/stochastic"))));
                qt.attach(net);
                for (int i = 0; i < 2; i++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                        gc.backward(y.square().mean());
                    }
                    qt.listener().onTrainingBatch(trainer, null);
                    assertEquals(0, qt.getRegistry().pendingCount());
                    trainer.step();
                }
                for (Parameter p : net.getParameters().values()) {
                    assertTrue(
                            Float.isFinite(p.getArray().sum().getFloat()), p.getName() + " finite");
                }
            }
            model.save(dir, "converted");
        }
        // Files load both ways.
        try (Model original = Model.newInstance("resnet")) {
            original.setBlock(resnet());
            original.load(dir, "converted");
        }
        try (Model convertedArch = Model.newInstance("resnet")) {
            Block b = resnet();
            ModelConverter.convert(b);
            convertedArch.setBlock(b);
            convertedArch.load(dir, "plain");
            assertTrue(count(b, QuantizationSite.class) > 0);
        }
    }
}
