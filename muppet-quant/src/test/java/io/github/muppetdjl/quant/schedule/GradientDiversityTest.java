/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class GradientDiversityTest {

    @Test
    void orthogonalGradientsHaveDiversityOne() {
        assertEquals(1.0, GradientDiversity.of(List.of(new float[] {1, 0}, new float[] {0, 1})));
    }

    @Test
    void identicalGradientsHaveDiversityOneOverN() {
        float[] g = {0.3f, -1.7f, 2.5f};
        assertEquals(1.0 / 3, GradientDiversity.of(List.of(g, g, g)), 1e-15);
        assertEquals(1.0, GradientDiversity.of(List.of(g)), 1e-15);
    }

    @Test
    void handComputedValue() {
        // S1 = (1 + 4) + (9 + 1) = 15, S2 = [4, 1], ||S2||^2 = 17.
        assertEquals(
                15.0 / 17,
                GradientDiversity.of(List.of(new float[] {1, 2}, new float[] {3, -1})),
                1e-15);
    }

    @Test
    void diversityIsTheMeanOverTensors() {
        GradientDiversity d = new GradientDiversity();
        d.accumulate("w", new float[] {1, 0});
        d.accumulate("b", new float[] {5});
        d.accumulate("w", new float[] {0, 1});
        d.accumulate("b", new float[] {5});
        assertEquals(1.0, d.diversity("w"));
        assertEquals(0.5, d.diversity("b"));
        assertEquals(0.75, d.diversity());
        assertEquals(2, d.samples("w"));
        assertEquals(2, d.tensorCount());
    }

    @Test
    void scalingAllGradientsLeavesDiversityUnchanged() {
        float[] a = {0.25f, -1.5f, 3f};
        float[] b = {2f, 0.5f, -0.75f};
        float[] a1024 = {256f, -1536f, 3072f};
        float[] b1024 = {2048f, 512f, -768f};
        assertEquals(
                GradientDiversity.of(List.of(a, b)),
                GradientDiversity.of(List.of(a1024, b1024)),
                1e-15);
    }

    @Test
    void zeroTensorsAreLeftOutAndEmptyIsNaN() {
        GradientDiversity d = new GradientDiversity();
        assertTrue(Double.isNaN(d.diversity()));
        d.accumulate("zero", new float[] {0, 0});
        assertTrue(Double.isNaN(d.diversity()));
        d.accumulate("w", new float[] {1, 1});
        d.accumulate("w", new float[] {1, 1});
        assertEquals(0.5, d.diversity());
    }

    @Test
    void cancellingGradientsAreInfinitelyDiverseAndNaNPropagates() {
        assertEquals(
                Double.POSITIVE_INFINITY,
                GradientDiversity.of(List.of(new float[] {1, -2}, new float[] {-1, 2})));
        assertTrue(
                Double.isNaN(
                        GradientDiversity.of(
                                List.of(new float[] {1, Float.NaN}, new float[] {1, 0}))));
    }

    @Test
    void lengthChangeIsRejected() {
        GradientDiversity d = new GradientDiversity();
        d.accumulate("w", new float[] {1, 2});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> d.accumulate("w", new float[3]));
        assertTrue(e.getMessage().contains("w"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.accumulate("", new float[1]));
        assertThrows(IllegalArgumentException.class, () -> d.accumulate("x", new float[0]));
    }

    @Test
    void resetAndSnapshotRestore() {
        GradientDiversity d = new GradientDiversity();
        d.accumulate("w", new float[] {1, 2});
        d.accumulate("w", new float[] {3, -1});
        List<TensorSums> snap = d.snapshot();
        assertEquals(List.of(new TensorSums("w", 2, 15, new double[] {4, 1})), snap);
        d.reset();
        assertEquals(0, d.tensorCount());
        assertTrue(Double.isNaN(d.diversity()));
        d.restore(snap);
        assertEquals(15.0 / 17, d.diversity(), 1e-15);
        // Continuing after a restore matches continuing without one.
        d.accumulate("w", new float[] {1, 1});
        assertEquals(
                GradientDiversity.of(
                        List.of(new float[] {1, 2}, new float[] {3, -1}, new float[] {1, 1})),
                d.diversity(),
                1e-15);
    }
}
