/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.PairList;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/**
 * A site whose error precision is not FP32 may meet a tensor without autograd history: the model's
 * input, or the output of frozen layers. Asking the engine for such a tensor's gradient function
 * killed the JVM (SIGSEGV in native code); each case here trains BFP-8 with Adam for a few batches
 * and must finish with finite weights. A crash before the fix shows up as a failed fork.
 */
class NoGradientInputIT {

    /** Four batches of 64 from the shipped subset. */
    private static Dataset data() {
        return SubsetData.load(Dataset.Usage.TRAIN, 64, false, 256);
    }

    private static QuantizedTraining bfp8() {
        return QuantizedTraining.builder().setPolicy(Presets.bfp(8)).optSeed(7).build();
    }

    /**
     * Trains {@code net} for one epoch after {@code beforeFit}, checks every weight is finite and
     * runs {@code afterFit} while the model is still open.
     */
    private static void train(Block net, Runnable beforeFit, Runnable afterFit) throws Exception {
        Harness.seed(5);
        QuantizedTraining qt = bfp8();
        try (Model model = Model.newInstance("no-gradient-input")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(Harness.config(qt))) {
                trainer.initialize(Harness.INPUT);
                beforeFit.run();
                EasyTrain.fit(trainer, 1, data(), null);
                assertEquals(0, qt.getRegistry().pendingCount());
                for (Parameter p : net.getParameters().values()) {
                    for (float f : p.getArray().toFloatArray()) {
                        assertTrue(Float.isFinite(f), p.getName() + " finite");
                    }
                }
                afterFit.run();
            }
        }
    }

    @Test
    void frozenFirstConvTrainsTheRestAndKeepsItsWeights() throws Exception {
        SequentialBlock net = Examples.smallCnn();
        ModelConverter.convert(net);
        Block firstConv = net.getChildren().valueAt(0);
        float[][] frozen = new float[2][];
        Block last = net.getChildren().valueAt(net.getChildren().size() - 2);
        float[][] lastWeight = new float[2][];
        train(
                net,
                () -> {
                    firstConv.freezeParameters(true);
                    frozen[0] = firstConv.getParameters().valueAt(0).getArray().toFloatArray();
                    lastWeight[0] = last.getParameters().valueAt(0).getArray().toFloatArray();
                },
                () -> {
                    frozen[1] = firstConv.getParameters().valueAt(0).getArray().toFloatArray();
                    lastWeight[1] = last.getParameters().valueAt(0).getArray().toFloatArray();
                });
        assertArrayEquals(frozen[0], frozen[1], 0f, "a frozen layer must not change");
        assertFalse(Arrays.equals(lastWeight[0], lastWeight[1]), "the rest must train");
    }

    @Test
    void parallelBlockRightAfterTheInputFlatten() throws Exception {
        ParallelBlock fork =
                new ParallelBlock(
                        l ->
                                new NDList(
                                        l.get(0)
                                                .singletonOrThrow()
                                                .add(l.get(1).singletonOrThrow())),
                        List.of(
                                new SequentialBlock()
                                        .add(Linear.builder().setUnits(32).build())
                                        .add(Activation::relu),
                                new SequentialBlock()
                                        .add(Linear.builder().setUnits(32).build())
                                        .add(Activation::tanh)));
        SequentialBlock net =
                new SequentialBlock()
                        .add(Blocks.batchFlattenBlock())
                        .add(fork)
                        .add(Linear.builder().setUnits(10).build());
        ModelConverter.convert(net);
        train(net, () -> {}, () -> {});
    }

    /** A composite the converter cannot see into, reading the model's input. */
    private static final class Opaque extends AbstractBlock {
        Opaque() {
            addChildBlock("dense", Linear.builder().setUnits(32).build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDList flat =
                    new NDList(in.singletonOrThrow().reshape(in.head().getShape().get(0), -1));
            return children.valueAt(0).forward(ps, flat, training);
        }

        @Override
        public void initializeChildBlocks(
                ai.djl.ndarray.NDManager manager,
                ai.djl.ndarray.types.DataType dataType,
                Shape... inputShapes) {
            children.valueAt(0).initialize(manager, dataType, flat(inputShapes[0]));
        }

        private static Shape flat(Shape s) {
            return new Shape(s.get(0), s.size() / s.get(0));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return children.valueAt(0).getOutputShapes(new Shape[] {flat(inputShapes[0])});
        }
    }

    @Test
    void opaqueBlockRightAfterTheInput() throws Exception {
        SequentialBlock net =
                new SequentialBlock()
                        .add(new Opaque())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(10).build());
        ModelConverter.convert(net);
        train(net, () -> {}, () -> {});
    }

    @Test
    void userSiteAtTheModelInput() throws Exception {
        SequentialBlock net =
                new SequentialBlock()
                        .add(QuantizationSite.builder().optName("input").build())
                        .add(Blocks.batchFlattenBlock())
                        .add(QuantizedLinear.builder().setUnits(32).build())
                        .add(Activation::relu)
                        .add(QuantizationSite.builder().optName("hidden").build())
                        .add(QuantizedLinear.builder().setUnits(10).build());
        train(net, () -> {}, () -> {});
    }
}
