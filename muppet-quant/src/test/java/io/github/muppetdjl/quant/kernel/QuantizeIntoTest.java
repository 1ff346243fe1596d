/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * {@link TensorQuantizer#quantizeInto}: the values, statistics and draws of {@code quantize},
 * written into an existing array that keeps its identity, on the CPU fast path and the general
 * path.
 */
class QuantizeIntoTest {

    private static final List<TensorQuantizer> QUANTIZERS =
            List.of(
                    new CpuFastQuantizer(2),
                    new CpuFastQuantizer(1, ScalarKernel.INSTANCE),
                    NDArrayQuantizer.INSTANCE);

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void writesTheReferenceValuesAndCounts() {
        // 2 * 3 * 70 * 401 = 168,420 elements: several chunks, a ragged end.
        long[] shape = {2, 3, 70, 401};
        float[] data = Fixtures.mixed((int) Fixtures.size(shape), 11);
        long key = CounterRng.key(3, 4, 5);
        for (String spec :
                List.of(
                        "bfp(8)/stochastic",
                        "bfp(8,slice:1)/nearest",
                        "fixed(8,4)/stochastic",
                        "fp8-e5m2/stochastic",
                        "fp16/nearest",
                        "fp32")) {
            Precision p = Precision.parse(spec);
            Fixtures.Result expected = Fixtures.reference(data, shape, p, key);
            for (TensorQuantizer q : QUANTIZERS) {
                String context = spec + " with " + q;
                try (NDArray src = manager.create(data, new Shape(shape));
                        NDArray dst = manager.zeros(new Shape(shape))) {
                    StatsAccumulator stats = new StatsAccumulator();
                    assertSame(dst, q.quantizeInto(src, dst, p, key, stats), context);
                    Fixtures.assertBitsEqual(expected.values(), dst.toFloatArray(), context);
                    Fixtures.assertBitsEqual(data, src.toFloatArray(), context + ": source");
                    if (!p.isIdentity()) {
                        assertEquals(expected.stats(), stats.snapshot(), context);
                    }
                }
            }
        }
    }

    @Test
    void stridedArraysAndTheSameArrayAreHandled() {
        Precision p = Precision.parse("bfp(8)/stochastic");
        long key = CounterRng.key(1, 2, 3);
        float[] data = Fixtures.gaussian(300 * 200, 5, 1f);
        float[] expected = Fixtures.reference(data, new long[] {300, 200}, p, key).values();
        for (TensorQuantizer q : QUANTIZERS) {
            // A transposed destination: written through its strides.
            try (NDArray src = manager.create(data, new Shape(300, 200));
                    NDArray base = manager.zeros(new Shape(200, 300));
                    NDArray dst = base.transpose()) {
                q.quantizeInto(src, dst, p, key, null);
                assertArrayEquals(expected, dst.toFloatArray(), q.toString());
            }
            // A transposed source: read in row-major order of its shape.
            try (NDArray t = manager.create(data, new Shape(300, 200)).transpose();
                    NDArray src = t.transpose();
                    NDArray dst = manager.zeros(new Shape(300, 200))) {
                q.quantizeInto(src, dst, p, key, null);
                assertArrayEquals(expected, dst.toFloatArray(), q.toString());
            }
            try (NDArray x = manager.create(data, new Shape(300, 200))) {
                assertSame(x, q.quantizeInto(x, x, p, key, null));
                assertArrayEquals(expected, x.toFloatArray(), q.toString());
            }
            try (NDArray src = manager.create(2.5f);
                    NDArray dst = manager.create(0f)) {
                q.quantizeInto(src, dst, Precision.parse("fixed(4,0)/nearest"), key, null);
                assertEquals(2f, dst.getFloat(), "ties to even");
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Precision p = Precision.parse("bfp(8)");
        for (TensorQuantizer q : QUANTIZERS) {
            try (NDArray a = manager.zeros(new Shape(4, 5));
                    NDArray b = manager.zeros(new Shape(5, 4));
                    NDArray h = manager.zeros(new Shape(4, 5), DataType.FLOAT16)) {
                assertThrows(
                        IllegalArgumentException.class, () -> q.quantizeInto(a, b, p, 0, null));
                assertThrows(
                        IllegalArgumentException.class, () -> q.quantizeInto(a, h, p, 0, null));
                assertThrows(
                        IllegalArgumentException.class, () -> q.quantizeInto(h, a, p, 0, null));
            }
        }
    }
}
