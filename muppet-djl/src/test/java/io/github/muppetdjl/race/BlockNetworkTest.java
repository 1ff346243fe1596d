/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;

import io.github.muppetdjl.quant.cost.ComputeLayer;
import io.github.muppetdjl.quant.cost.LayerKind;
import io.github.muppetdjl.quant.cost.Network;

import org.junit.jupiter.api.Test;

import java.util.List;

class BlockNetworkTest {

    private static Network derive(Block block, Shape input) {
        try (Model model = Model.newInstance("walk")) {
            model.setBlock(block);
            block.setInitializer(Initializer.ONES, ai.djl.nn.Parameter.Type.WEIGHT);
            block.initialize(model.getNDManager(), DataType.FLOAT32, input);
            return BlockNetwork.of(block, input);
        }
    }

    @Test
    void tinyModelHasItsHandCountedLayers() {
        Network n = derive(TinyRace.model(), TinyRace.INPUT);
        // conv: 8x8 outputs x 4 filters x (3x3x1) = 2304 MACs, 36 weights, 64 in, 256 out;
        // dense: 256 -> 4 = 1024 MACs and weights.
        assertEquals(
                List.of(
                        new ComputeLayer("01Conv2d", LayerKind.CONV, 2304, 36, 64, 256),
                        new ComputeLayer("04Linear", LayerKind.DENSE, 1024, 1024, 256, 4)),
                n.layers());
    }

    @Test
    void resNet20HasTheMacsOfItsHandCount() {
        Block resnet =
                ResNetV1.builder()
                        .setImageShape(new Shape(1, 28, 28))
                        .setNumLayers(20)
                        .setOutSize(10)
                        .build();
        Network n = derive(resnet, new Shape(1, 1, 28, 28));
        // DJL's ResNet-20 for 28x28: a 3x3 stem (28*28*16*9 = 112,896), three stages of three
        // units of two 3x3 convs (16, 32, 64 filters on 28, 14, 7 pixels: 1,806,336 each, except
        // the strided first conv of stages 2 and 3: 903,168), a 1x1 projection on the first unit
        // of each stage (784*16*16 = 200,704; 196*32*16 = 100,352; 49*64*32 = 100,352) and the
        // dense layer 64 -> 10 (640): 18 + 3 + 2 = 23 layers.
        long macs = 112_896 + 16 * 1_806_336L + 2 * 903_168 + 200_704 + 2 * 100_352 + 640;
        assertEquals(31_222_656L, macs);
        assertEquals(macs, n.macsPerSample());
        assertEquals(23, n.layers().size());
        assertEquals("02ParallelBlock.01SequentialBlock.01Conv2d", n.layers().get(1).name());
    }

    @Test
    void aBlockWithoutComputeLayersIsRefused() {
        SequentialBlock b = new SequentialBlock().add(Activation::relu);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> derive(b, new Shape(1, 4)));
        assertEquals("found no convolution or Linear layer in SequentialBlock", e.getMessage());
    }
}
