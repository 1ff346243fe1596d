/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLayer;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Blocks the converter does not replace are reported by their path in the converted model, and a
 * layer it cannot put anywhere is neither copied nor counted.
 */
class LeftAsIsTest {

    private static int count(Block b, Class<?> type) {
        int n = type.isInstance(b) ? 1 : 0;
        for (Pair<String, Block> c : b.getChildren()) {
            n += count(c.getValue(), type);
        }
        return n;
    }

    @Test
    void aBareLayerBranchOfAParallelBlockIsLeftAsIsNotCopiedNorCounted() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear bare = Linear.builder().setUnits(4).build();
            ParallelBlock fork =
                    new ParallelBlock(
                            l -> new NDList(l.get(0).head().add(l.get(1).head())),
                            List.of(
                                    bare,
                                    new SequentialBlock()
                                            .add(Linear.builder().setUnits(4).build())));
            SequentialBlock net =
                    new SequentialBlock().add(fork).add(Linear.builder().setUnits(2).build());
            net.initialize(m, DataType.FLOAT32, new Shape(3, 5));
            var x = m.randomNormal(new Shape(3, 5));
            float[] before =
                    net.forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray();
            int arrays = ((BaseNDManager) m).getManagedArrays().size();

            ConversionReport r = ModelConverter.convert(net);

            assertEquals(count(net, QuantizedLayer.class), r.layersReplaced());
            assertEquals(2, r.layersReplaced());
            assertSame(bare, fork.getChildren().valueAt(0), "the branch stays in place");
            // Each layer in the model got a weight and a bias; nothing else was copied.
            assertEquals(
                    arrays + 2 * count(net, QuantizedLayer.class),
                    ((BaseNDManager) m).getManagedArrays().size(),
                    "no parameters copied for a layer that is not replaced");
            assertEquals(List.of("02ParallelBlock.01Linear"), r.leftAsIs());
            assertEquals(List.of(), r.opaqueBlocks());
            float[] after =
                    net.forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
    }

    @Test
    void normsAndRecurrentLayersAreListedAndTheLayersAfterThemReadASite() {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(4).build())
                        .add(LayerNorm.builder().build())
                        .add(Linear.builder().setUnits(4).build())
                        .add(LSTM.builder().setStateSize(4).setNumLayers(1).build())
                        .add(Linear.builder().setUnits(2).build());
        ConversionReport r = ModelConverter.convert(net);
        assertEquals(3, r.layersReplaced());
        assertEquals(List.of("03LayerNorm", "07LSTM"), r.leftAsIs());
        List<Block> top = net.getChildren().values();
        assertEquals(10, top.size());
        for (int i : new int[] {3, 7}) {
            assertEquals(
                    top.get(i - 1).getClass().getSimpleName(),
                    ((QuantizationSite) top.get(i)).core().descriptor().blockType(),
                    "the site before a layer is named after the block that computed its input");
        }
    }
}
