/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariant "accelerated == reference": the CPU fast path (vector and scalar kernels) and the
 * NDArray path agree with {@link io.github.muppetdjl.quant.reference.ScalarQuantizer} bit for bit,
 * statistics included, for every format family and rounding, on values spanning every binade and
 * special, on shapes whose sizes are no multiple of a vector width.
 */
class PathsMatchReferenceTest {

    private static final List<long[]> SHAPES =
            List.of(new long[] {1}, new long[] {7}, new long[] {31}, new long[0], Fixtures.SHAPE);

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static List<Precision> precisions() {
        return Fixtures.precisions();
    }

    /** Data sets: mixed with specials, mixed without them, and tiny values (subnormal maxima). */
    static List<float[]> dataSets(int n, long seed) {
        List<float[]> sets = new ArrayList<>();
        sets.add(Fixtures.mixed(n, seed));
        float[] finite = Fixtures.mixed(n, seed + 1);
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(finite[i])) {
                finite[i] = -3f;
            }
        }
        sets.add(finite);
        sets.add(Fixtures.gaussian(n, seed + 2, 0x1p-135f));
        sets.add(Fixtures.gaussian(n, seed + 3, 1f));
        return sets;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precisions")
    void fastPathMatchesReference(Precision p) {
        List<CpuFastQuantizer> kernels =
                List.of(new CpuFastQuantizer(2), new CpuFastQuantizer(1, ScalarKernel.INSTANCE));
        check(p, kernels, SHAPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precisions")
    void ndarrayPathMatchesReference(Precision p) {
        check(p, List.of(NDArrayQuantizer.INSTANCE), List.of(new long[] {7}, Fixtures.SHAPE));
    }

    private static void check(
            Precision p, List<? extends TensorQuantizer> paths, List<long[]> shapes) {
        long key = CounterRng.key(p.hashCode(), 3, 11);
        for (long[] shape : shapes) {
            int n = (int) Fixtures.size(shape);
            for (float[] data : dataSets(n, n * 31L + p.hashCode())) {
                Fixtures.Result ref = Fixtures.reference(data, shape, p, key);
                for (TensorQuantizer q : paths) {
                    String context =
                            q.getClass().getSimpleName() + " " + p + " " + new Shape(shape);
                    try (NDManager m = manager.newSubManager()) {
                        NDArray x = m.create(data, new Shape(shape));
                        StatsAccumulator stats = new StatsAccumulator();
                        assertSame(x, q.quantizeInPlace(x, p, key, stats), context);
                        Fixtures.assertBitsEqual(ref.values(), x.toFloatArray(), context);
                        assertEquals(ref.stats(), stats.snapshot(), context + ": stats");
                        // Without statistics the kernels skip the counting work; same values.
                        NDArray y = m.create(data, new Shape(shape));
                        q.quantizeInPlace(y, p, key, null);
                        Fixtures.assertBitsEqual(
                                ref.values(), y.toFloatArray(), context + " (no stats)");
                    }
                }
            }
        }
    }
}
