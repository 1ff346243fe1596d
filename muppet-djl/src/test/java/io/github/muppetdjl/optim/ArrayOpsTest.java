/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static io.github.muppetdjl.optim.OptimizerFixture.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class ArrayOpsTest {

    private static final float[] SPECIAL = {
        -0f,
        0f,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE,
        1.5f,
        -Float.MAX_VALUE
    };

    @Test
    void copyIntoIsBitExactInPlaceAndKeepsTheGradient() {
        try (OptimizerFixture fx = new OptimizerFixture()) {
            NDArray target = fx.weight(new float[8], new Shape(2, 4));
            fx.accumulateGradient(target, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
            NDArray source = fx.manager.create(SPECIAL, new Shape(2, 4));
            int before = fx.manager.getManagedArrays().size();
            ArrayOps.copyInto(source, target);
            assertEquals(before, fx.manager.getManagedArrays().size(), "no temporaries left");
            assertArrayEquals(bits(SPECIAL), bits(target));
            assertTrue(target.hasGradient());
            try (NDArray g = target.getGradient()) {
                assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, g.toFloatArray());
            }
            ArrayOps.zeroGradient(target);
            try (NDArray g = target.getGradient()) {
                assertArrayEquals(new float[8], g.toFloatArray());
            }
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ArrayOps.copyInto(fx.manager.zeros(new Shape(8)), target));
        }
    }

    @Test
    void copyIntoHandlesVectorsAndScalars() {
        try (OptimizerFixture fx = new OptimizerFixture()) {
            NDArray vector = fx.manager.zeros(new Shape(8));
            ArrayOps.copyInto(fx.manager.create(SPECIAL), vector);
            assertArrayEquals(bits(SPECIAL), bits(vector));
            NDArray scalar = fx.manager.create(1f);
            ArrayOps.copyInto(fx.manager.create(-0f), scalar);
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(scalar.getFloat()));
        }
    }
}
