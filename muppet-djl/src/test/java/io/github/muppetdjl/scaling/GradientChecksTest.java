/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class GradientChecksTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDArray a(float... v) {
        return manager.create(v);
    }

    @Test
    void finiteExtremesAreNotOverflow() {
        // A plain sum of these would overflow to infinity; the check must not.
        List<NDArray> grads =
                List.of(a(Float.MAX_VALUE, Float.MAX_VALUE), a(-Float.MAX_VALUE, 0f), a(1e-45f));
        assertFalse(GradientChecks.anyNonFinite(grads));
        assertFalse(GradientChecks.anyNonFinite(List.of()));
        assertFalse(GradientChecks.anyNonFinite(List.of(manager.create(new float[0]))));
    }

    @Test
    void anyNanOrInfinityInAnyArrayIsOverflow() {
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float b : bad) {
            for (int position = 0; position < 3; position++) {
                float[] v = {1f, -2f, 3f};
                v[position] = b;
                assertTrue(
                        GradientChecks.anyNonFinite(List.of(a(0.5f, 0.25f), a(v))),
                        b + " at " + position);
            }
        }
    }

    @Test
    void leavesNoTemporariesBehind() {
        List<NDArray> grads = List.of(a(1f, 2f), a(Float.NaN));
        int before = manager.getManagedArrays().size();
        GradientChecks.anyNonFinite(grads);
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void checksParameterGradients() {
        Linear linear = Linear.builder().setUnits(2).build();
        linear.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
        ParameterStore store = new ParameterStore(manager, false);
        NDArray x = manager.create(new float[] {1f, 2f, 3f}, new Shape(1, 3));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList out = linear.forward(store, new NDList(x), true);
            gc.backward(out.singletonOrThrow().sum());
        }
        assertFalse(GradientChecks.anyNonFinite(linear.getParameters()));
        NDArray nan = manager.create(new float[] {Float.NaN, 1f, 2f}, new Shape(1, 3));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList out = linear.forward(store, new NDList(nan), true);
            gc.backward(out.singletonOrThrow().sum());
        }
        assertTrue(GradientChecks.anyNonFinite(linear.getParameters()));
    }
}
