/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.List;

class NetworkTest {

    @Test
    void smallCnnCountsMatchHandDerivation() {
        List<ComputeLayer> l = Network.smallCnn().layers();
        assertEquals(4, l.size());
        // conv1: 28x28 out (padding 1), 32 filters, 3x3x1 kernel.
        assertEquals(
                new ComputeLayer("conv1", LayerKind.CONV, 225_792, 288, 784, 25_088), l.get(0));
        // pool -> 14x14x32; conv2: 14x14x64 out, 3x3x32 kernel = 288 MACs per output.
        assertEquals(
                new ComputeLayer("conv2", LayerKind.CONV, 3_612_672, 18_432, 6_272, 12_544),
                l.get(1));
        // pool -> 7x7x64 = 3136 inputs.
        assertEquals(
                new ComputeLayer("fc1", LayerKind.DENSE, 401_408, 401_408, 3_136, 128), l.get(2));
        assertEquals(new ComputeLayer("fc2", LayerKind.DENSE, 1_280, 1_280, 128, 10), l.get(3));
        assertEquals(4_241_152, Network.smallCnn().macsPerSample());
        assertEquals(421_408, Network.smallCnn().weightCount());
    }

    @Test
    void validConvolutionShrinksAndPoolFloors() {
        Network n =
                Network.builder()
                        .setInput(7, 7, 2)
                        .addConv("c", 4, 3, 0) // 5x5x4
                        .addPool(2) // 2x2x4
                        .addDense("d", 3)
                        .build();
        assertEquals(5 * 5 * 4 * 9 * 2, n.layers().get(0).macsPerSample());
        assertEquals(16 * 3, n.layers().get(1).macsPerSample());
        assertEquals(16, n.layers().get(1).inputCount());
    }

    @Test
    void builderRejectsBadShapes() {
        assertThrows(IllegalStateException.class, () -> Network.builder().addDense("d", 3));
        assertThrows(
                IllegalArgumentException.class,
                () -> Network.builder().setInput(2, 2, 1).addConv("c", 1, 5, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> Network.builder().setInput(2, 2, 1).addPool(3));
        assertThrows(IllegalArgumentException.class, () -> Network.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ComputeLayer("x", LayerKind.DENSE, 0, 1, 1, 1));
    }
}
