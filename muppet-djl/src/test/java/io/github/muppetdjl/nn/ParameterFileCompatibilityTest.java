/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.function.Supplier;

/**
 * Parameter files load in both directions between DJL's layers and the quantised ones, and sites
 * add nothing to a file.
 */
class ParameterFileCompatibilityTest {

    private static byte[] save(Block b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            b.saveParameters(os);
        }
        return bytes.toByteArray();
    }

    private static void load(NDManager m, Block b, byte[] data) throws Exception {
        try (DataInputStream is = new DataInputStream(new ByteArrayInputStream(data))) {
            b.loadParameters(m, is);
        }
    }

    private static void roundTrip(Supplier<Block> original, Supplier<Block> quantized, Shape in)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = original.get();
            a.initialize(m, DataType.FLOAT32, in);
            byte[] fromOriginal = save(a);
            Block q = quantized.get();
            load(m, q, fromOriginal);
            // Same bytes back out: nothing lost or added either way.
            byte[] fromQuantized = save(q);
            assertArrayEquals(fromOriginal, fromQuantized);
            Block back = original.get();
            load(m, back, fromQuantized);
            assertArrayEquals(fromOriginal, save(back));
            assertArrayEquals(
                    a.getParameters().valueAt(0).getArray().toFloatArray(),
                    q.getParameters().valueAt(0).getArray().toFloatArray());
        }
    }

    @Test
    void linearFilesLoadBothWays() throws Exception {
        roundTrip(
                () -> Linear.builder().setUnits(4).build(),
                () -> QuantizedLinear.builder().setUnits(4).build(),
                new Shape(2, 3));
    }

    @Test
    void conv2dFilesLoadBothWays() throws Exception {
        roundTrip(
                () -> Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build(),
                () ->
                        QuantizedConv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .setFilters(4)
                                .build(),
                new Shape(1, 2, 6, 6));
    }

    @Test
    void conv1dFilesLoadBothWays() throws Exception {
        roundTrip(
                () -> Conv1d.builder().setKernelShape(new Shape(3)).setFilters(4).build(),
                () -> QuantizedConv1d.builder().setKernelShape(new Shape(3)).setFilters(4).build(),
                new Shape(1, 2, 8));
    }

    @Test
    void sitesAddNothingToFiles() throws Exception {
        roundTrip(
                () ->
                        new SequentialBlock()
                                .add(Linear.builder().setUnits(4).build())
                                .add(Linear.builder().setUnits(2).build()),
                () ->
                        new SequentialBlock()
                                .add(QuantizedLinear.builder().setUnits(4).build())
                                .add(QuantizationSite.builder().build())
                                .add(Linear.builder().setUnits(2).build())
                                .add(QuantizationSite.builder().build()),
                new Shape(2, 3));
    }
}
