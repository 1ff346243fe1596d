/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedConv2d;
import io.github.muppetdjl.nn.QuantizedLinear;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The converter's structure rules, value preservation and opaque-block handling. */
class ModelConverterTest {

    private static List<Block> children(Block b) {
        return b.getChildren().values();
    }

    private static SequentialBlock residualNet() {
        SequentialBlock branch = new SequentialBlock().add(Linear.builder().setUnits(4).build());
        SequentialBlock shortcut = new SequentialBlock().add(ai.djl.nn.Blocks.identityBlock());
        ParallelBlock unit =
                new ParallelBlock(
                        l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).head())),
                        List.of(branch, shortcut));
        return new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Activation::relu)
                .add(unit)
                .add(Linear.builder().setUnits(2).build());
    }

    @Test
    void replacesLayersAndInsertsSitesAfterThemAndBeforeFanOuts() {
        SequentialBlock net = residualNet();
        ConversionReport r = ModelConverter.convert(net);
        assertEquals(3, r.layersReplaced());
        // The first layer's site waits for its ReLU and then also serves as the fan-out site; the
        // last layer reads the residual join, so a site goes right before it.
        assertEquals(4, r.sitesInserted());
        List<Block> top = children(net);
        assertEquals(7, top.size());
        assertInstanceOf(QuantizedLinear.class, top.get(0));
        assertInstanceOf(LambdaBlock.class, top.get(1));
        assertInstanceOf(QuantizationSite.class, top.get(2));
        assertInstanceOf(ParallelBlock.class, top.get(3));
        assertInstanceOf(QuantizationSite.class, top.get(4));
        assertEquals(
                "ParallelBlock", ((QuantizationSite) top.get(4)).core().descriptor().blockType());
        assertInstanceOf(QuantizedLinear.class, top.get(5));
        assertInstanceOf(QuantizationSite.class, top.get(6));
        Block branch = children(top.get(3)).get(0);
        assertInstanceOf(QuantizedLinear.class, children(branch).get(0));
        assertInstanceOf(QuantizationSite.class, children(branch).get(1));
        assertEquals(List.of(), r.leftAsIs());
        // Converting twice changes nothing.
        assertEquals(new ConversionReport(0, 0, List.of()), ModelConverter.convert(net));
    }

    @Test
    void sitesFollowTheParameterFreeLeavesAfterALayer() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(BatchNorm.builder().build())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(3).build())
                        .add(Activation::relu)
                        .add(QuantizationSite.builder().optName("mine").build())
                        .add(Activation::relu);
        ConversionReport r = ModelConverter.convert(net);
        assertEquals(2, r.layersReplaced());
        assertEquals(2, r.sitesInserted());
        List<Block> top = children(net);
        assertEquals(11, top.size());
        assertInstanceOf(QuantizedConv2d.class, top.get(0));
        assertInstanceOf(LambdaBlock.class, top.get(1));
        assertInstanceOf(LambdaBlock.class, top.get(2));
        // A block with parameters ends the run: the conv's site comes before the batch norm.
        assertInstanceOf(QuantizationSite.class, top.get(3));
        assertInstanceOf(BatchNorm.class, top.get(4));
        assertInstanceOf(LambdaBlock.class, top.get(5));
        // The dense layer reads the batch norm's output: a site named after it quantises that.
        assertInstanceOf(QuantizationSite.class, top.get(6));
        assertEquals("BatchNorm", ((QuantizationSite) top.get(6)).core().descriptor().blockType());
        assertInstanceOf(QuantizedLinear.class, top.get(7));
        assertInstanceOf(LambdaBlock.class, top.get(8));
        // The model's own site serves the second layer; no second site is added.
        assertInstanceOf(QuantizationSite.class, top.get(9));
        assertInstanceOf(LambdaBlock.class, top.get(10));
        assertEquals(List.of("05BatchNorm"), r.leftAsIs());
    }

    @Test
    void keepsInitialisedValuesAndOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = residualNet();
            net.initialize(m, DataType.FLOAT32, new Shape(3, 5));
            var x = m.randomNormal(new Shape(3, 5));
            float[] before =
                    net.forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray();
            ModelConverter.convert(net);
            float[] after =
                    net.forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
    }

    /** A composite the converter cannot rebuild. */
    private static final class Opaque extends AbstractBlock {
        Opaque() {
            addChildBlock("inner", Linear.builder().setUnits(2).build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return children.values().get(0).forward(ps, in, training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return children.values().get(0).getOutputShapes(inputShapes);
        }
    }

    @Test
    void opaqueBlocksGetBoundarySites() {
        SequentialBlock net = new SequentialBlock().add(new Opaque());
        ConversionReport r = ModelConverter.convert(net);
        // Named as in the converted model (and the controller's metrics), not as before conversion.
        assertEquals(List.of("02Opaque"), r.opaqueBlocks());
        assertEquals(2, r.sitesInserted());
        List<Block> top = children(net);
        assertInstanceOf(QuantizationSite.class, top.get(0));
        assertInstanceOf(Opaque.class, top.get(1));
        assertInstanceOf(QuantizationSite.class, top.get(2));
    }

    @Test
    void rejectsALoneLayer() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelConverter.convert(Linear.builder().setUnits(2).build()));
    }

    @Test
    void rejectsNullWithAMessage() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelConverter.convert(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }
}
