/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import io.github.muppetdjl.convert.ModelConverter;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Tensor groups of a small hand-drawn network, sizes worked out by hand at batch 4, input 1x6x6:
 *
 * <pre>
 * op                 output       elements  parameters
 * conv(2, 3x3, pad1) 4x2x6x6      288       2*1*3*3 + 2 = 20   -> closes group 0
 * relu               4x2x6x6      288
 * maxpool 2x2        4x2x3x3      72
 * flatten            4x18         72
 * linear(3)          4x3          12        3*18 + 3 = 57      -> closes group 1
 * relu               4x3          12
 * linear(2)          4x2          8         2*3 + 2 = 8        -> closes group 2
 * </pre>
 *
 * <p>group 0: activations 288, weights 20, elements 2 * 308 = 616; group 1: 288 + 72 + 72 + 12 =
 * 444 and 57, elements 1002; group 2: 12 + 8 = 20 and 8, elements 56.
 */
class TensorGroupsTest {

    static SequentialBlock net() {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(2)
                                .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(2).build());
    }

    /** The converted, initialised net with its sites named, as training binds it. */
    static SequentialBlock converted(NDManager m) {
        SequentialBlock block = net();
        ModelConverter.convert(block);
        block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 6));
        io.github.muppetdjl.training.QuantizedTraining.builder()
                .setPolicy(io.github.muppetdjl.quant.policy.PrecisionPolicy.fp32())
                .build()
                .attach(block);
        return block;
    }

    @Test
    void groupsCloseAfterEachConvAndDenseLayerWithSizesAtTheBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = converted(m);
            List<TensorGroup> g =
                    TensorGroups.of(
                            block, List.of(new Shape(4, 1, 6, 6)), TensorGroups.DEFAULT_CLOSERS);
            assertEquals(3, g.size(), g.toString());
            assertEquals(288, g.get(0).activationElements());
            assertEquals(20, g.get(0).weightElements());
            assertEquals(616, g.get(0).elements());
            assertEquals(444, g.get(1).activationElements());
            assertEquals(57, g.get(1).weightElements());
            assertEquals(1002, g.get(1).elements());
            assertEquals(20, g.get(2).activationElements());
            assertEquals(8, g.get(2).weightElements());
            assertEquals(56, g.get(2).elements());
            assertEquals(1, g.get(0).operations().size());
            assertEquals(4, g.get(1).operations().size());
            assertEquals(2, g.get(2).operations().size());
            // The converter's sites: after flatten (group 1), after the relu and after the last
            // linear (group 2); conv's own output is not quantised by a site.
            assertEquals(List.of(), g.get(0).sites());
            assertEquals(1, g.get(1).sites().size());
            assertEquals(2, g.get(2).sites().size());
            assertEquals(
                    List.of(g.get(0).layers().get(0)),
                    List.of(g.get(0).operations().get(0)),
                    "the conv owns group 0's parameters");
            assertEquals(2, g.get(1).parameters().size());
            assertEquals(
                    true, g.get(1).parameters().get(0).endsWith("_weight"), g.get(1).toString());
        }
    }

    @Test
    void theBatchDimensionScalesActivationsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<TensorGroup> g =
                    TensorGroups.of(
                            converted(m),
                            List.of(new Shape(1, 1, 6, 6)),
                            TensorGroups.DEFAULT_CLOSERS);
            assertEquals(72, g.get(0).activationElements());
            assertEquals(20, g.get(0).weightElements());
            assertEquals(111, g.get(1).activationElements());
        }
    }

    @Test
    void otherClosersRegroup() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Only dense layers close: the conv joins the first linear's group.
            List<TensorGroup> g =
                    TensorGroups.of(
                            converted(m),
                            List.of(new Shape(4, 1, 6, 6)),
                            java.util.Set.of("Linear"));
            assertEquals(2, g.size());
            assertEquals(288 + 444, g.get(0).activationElements());
            assertEquals(77, g.get(0).weightElements());
        }
    }

    @Test
    void anUninitialisedModelIsRefused() {
        SequentialBlock block = net();
        assertThrows(
                RuntimeException.class,
                () ->
                        TensorGroups.of(
                                block,
                                List.of(new Shape(4, 1, 6, 6)),
                                TensorGroups.DEFAULT_CLOSERS));
    }
}
