/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.RangeLinearReference;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

/**
 * CPT's activations (docs/algorithms.md §6.5): training folds each batch's range into an average
 * with momentum 0.9, and evaluation quantises over that average rather than the batch's own range.
 */
class RunningRangeTest {

    @Test
    void averageWithMomentumStartingAtTheFirstBatch() {
        RunningRange r = new RunningRange();
        assertNull(r.range());
        r.observe(-1f, 2f);
        assertArrayEquals(new float[] {-1f, 2f}, r.range());
        r.observe(-3f, 4f);
        assertArrayEquals(
                new float[] {(float) (0.9 * -1 + 0.1 * -3), (float) (0.9 * 2 + 0.1 * 4)},
                r.range());
        r.observe(Float.NaN, 4f); // not folded in
        assertArrayEquals(
                new float[] {(float) (0.9 * -1 + 0.1 * -3), (float) (0.9 * 2 + 0.1 * 4)},
                r.range());
    }

    @Test
    void evaluationQuantisesOverTheTrainingAverage() {
        Precision p = new Precision(RangeLinear.perTensor(2), Rounding.NEAREST_EVEN);
        SiteCore core = new SiteCore("site", "QuantizationSite");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray first = m.create(new float[] {0f, 1f, 2f, 3f});
            NDArray second = m.create(new float[] {-10f, 0f, 0f, 10f});
            // Training: each batch over its own range; [0, 3] at 2 bits is the integers.
            NDArray q1 =
                    RunningRange.quantizeActivation(
                            core, first, RandomStream.ACTIVATION, p, true, false);
            assertArrayEquals(new float[] {0f, 1f, 2f, 3f}, q1.toFloatArray());
            RunningRange.quantizeActivation(core, second, RandomStream.ACTIVATION, p, true, false);
            float lo = (float) (0.9 * 0 + 0.1 * -10);
            float hi = (float) (0.9 * 3 + 0.1 * 10);
            assertArrayEquals(
                    new float[] {lo, hi}, core.state(first.getDevice()).runningRange().range());
            // Evaluation: the same batch is quantised over [-1, 3.7], not over its own [0, 3].
            NDArray q =
                    RunningRange.quantizeActivation(
                            core, first, RandomStream.ACTIVATION, p, false, false);
            float[] expected = {0f, 1f, 2f, 3f};
            RangeLinearReference.quantizeInRange(
                    expected, RangeLinear.perTensor(2), Rounding.NEAREST_EVEN, lo, hi, 0L);
            assertArrayEquals(expected, q.toFloatArray());
            assertEquals(lo + 3 * ((hi - (double) lo) / 3), q.toFloatArray()[3], 1e-6);
        }
    }
}
