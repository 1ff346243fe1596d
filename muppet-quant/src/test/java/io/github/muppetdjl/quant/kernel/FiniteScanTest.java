/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/** {@link FiniteScan}: the CPU scan and the engine reductions agree, wherever the bad value is. */
class FiniteScanTest {

    private static final float[] BAD = {
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0xffc00001)
    };

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Values spanning FP32's range, Float.MAX_VALUE and subnormals included, all finite. */
    private static float[] finite(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int bits = r.nextInt(0x7f800000); // every finite magnitude
            v[i] = Float.intBitsToFloat(r.nextBoolean() ? bits | 0x80000000 : bits);
        }
        v[n / 2] = Float.MAX_VALUE;
        v[n / 3] = -Float.MAX_VALUE;
        return v;
    }

    @Test
    void finiteArraysAreFiniteOnBothPaths() {
        // 200K elements: several chunks across the worker threads.
        NDArray x = manager.create(finite(200_000, 1), new Shape(400, 500));
        assertFalse(FiniteScan.anyNonFinite(x));
        assertEquals(Boolean.FALSE, Quantizers.defaultFast().scanNonFinite(x));
        // Divided so that the largest magnitude (3.4e4) fits FP16.
        try (NDArray half = x.div(1e34f).toType(DataType.FLOAT16, false)) {
            assertFalse(FiniteScan.anyNonFinite(half), "FP16 goes through the engine");
        }
        assertFalse(FiniteScan.anyNonFinite(List.of()));
        assertFalse(FiniteScan.anyNonFinite(manager.create(new float[0])));
        x.close();
    }

    @Test
    void aBadValueAnywhereIsFound() {
        int n = 150_001; // a ragged end for the vector loop
        int[] positions = {0, 1, 15, 16, 63, 64, 37_500, 75_000, n - 2, n - 1};
        for (float bad : BAD) {
            for (int p : positions) {
                float[] v = finite(n, p);
                v[p] = bad;
                try (NDArray x = manager.create(v)) {
                    assertEquals(
                            Boolean.TRUE,
                            Quantizers.defaultFast().scanNonFinite(x),
                            bad + " at " + p);
                    assertTrue(
                            FiniteScan.anyNonFinite(List.of(manager.create(1f), x)),
                            bad + " at " + p);
                }
            }
        }
    }

    @Test
    void stridedAndNonFloat32ArraysAreScannedToo() {
        float[] v = finite(300 * 700, 3);
        v[299 * 700 + 5] = Float.NaN;
        try (NDArray x = manager.create(v, new Shape(300, 700));
                NDArray t = x.transpose()) {
            // The transpose is strided: the CPU scan reads the engine's packed copy.
            assertEquals(Boolean.TRUE, Quantizers.defaultFast().scanNonFinite(t));
            int before = manager.getManagedArrays().size();
            assertTrue(FiniteScan.anyNonFinite(t));
            assertEquals(before, manager.getManagedArrays().size(), "the packed copy is closed");
        }
        try (NDArray half =
                manager.create(new float[] {1f, 70000f}).toType(DataType.FLOAT16, false)) {
            // 70000 overflows FP16 to infinity.
            assertNull(Quantizers.defaultFast().scanNonFinite(half));
            assertTrue(FiniteScan.anyNonFinite(List.of(manager.create(2f), half)));
        }
        try (NDArray d = manager.create(new double[] {1, Double.NaN})) {
            assertNull(Quantizers.defaultFast().scanNonFinite(d));
            assertTrue(FiniteScan.anyNonFinite(d));
        }
    }

    @Test
    void theEnginePathLeavesNoTemporaries() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray half = scope.create(new float[] {1f, 2f}).toType(DataType.FLOAT16, false);
            NDArray d = scope.create(new double[] {3, 4});
            int before = scope.getManagedArrays().size();
            assertFalse(FiniteScan.anyNonFinite(List.of(half, d)));
            assertEquals(before, scope.getManagedArrays().size());
            assertNotNull(half);
        }
    }
}
