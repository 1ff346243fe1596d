/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.reference.ReferenceTensorQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Hand-derived values for the cases where FP32 arithmetic is most likely to part from the
 * reference's exact double arithmetic, checked on every path.
 */
class EdgeCasesTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static List<TensorQuantizer> paths() {
        return List.of(
                new CpuFastQuantizer(1),
                new CpuFastQuantizer(1, ScalarKernel.INSTANCE),
                Quantizers.ndarray(),
                ReferenceTensorQuantizer.INSTANCE);
    }

    /** Returns a key whose generator gives {@code u24 == 0} at {@code index}. */
    private static long keyWithZeroDraw(int index) {
        for (long k = 0; ; k++) {
            if (CounterRng.uniform24(k, index) == 0) {
                return k;
            }
        }
    }

    private static float[] run(
            TensorQuantizer q, float[] data, String p, long key, StatsAccumulator s) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(data);
            q.quantizeInPlace(x, Precision.parse(p), key, s);
            return x.toFloatArray();
        }
    }

    @Test
    void underflowingScaleStillRoundsUpOnAZeroDraw() {
        // 1e-30 * 2^-100 underflows FP32, but the exact value is > 0, so u24 = 0 < frac * 2^24:
        // the element rounds up to one step, 2^100. Any other draw gives zero.
        int index = 3;
        long zeroKey = keyWithZeroDraw(index);
        long otherKey = zeroKey + 1;
        float[] data = {0f, 0f, 0f, 1e-30f, -1e-30f};
        for (TensorQuantizer q : paths()) {
            StatsAccumulator s = new StatsAccumulator();
            float[] up = run(q, data, "fixed(8,-100)/stochastic", zeroKey, s);
            assertEquals(Math.scalb(1f, 100), up[index], q.toString());
            assertEquals(-0f, run(q, data, "fixed(8,-100)/stochastic", otherKey, null)[4]);
            assertEquals(
                    CounterRng.uniform24(otherKey, index) == 0 ? 2 : 1, s.snapshot().underflowed());
        }
    }

    @Test
    void subnormalBesideAHugeBlockMaximumRoundsUpOnAZeroDraw() {
        // max 3e38 = 1.76 * 2^127: s = 6 - 127 = -121 (3e38 * 2^-121 = 112.8 <= 127.5), so
        // 1e-40 * 2^-121 underflows FP32; on a zero draw it becomes 1 * 2^121.
        long key = keyWithZeroDraw(1);
        float[] data = {3e38f, 1e-40f, -1e-40f};
        for (TensorQuantizer q : paths()) {
            float[] r = run(q, data, "bfp(8)/stochastic", key, null);
            assertEquals(Math.scalb(113f, 121), r[0], q.toString());
            assertEquals(Math.scalb(1f, 121), r[1], q.toString());
        }
    }

    @Test
    void fixedPointSaturatesAndCountsByHand() {
        // fixed(8,0): integers in [-128, 127]; ties to even; NaN kept; ±Inf to the range ends.
        float[] data = {200f, -200f, 0.3f, Float.NaN, Float.NEGATIVE_INFINITY, 2.5f, -127.5f};
        float[] expected = {127f, -128f, 0f, Float.NaN, -128f, 2f, -128f};
        for (TensorQuantizer q : paths()) {
            StatsAccumulator s = new StatsAccumulator();
            float[] r = run(q, data, "fixed(8,0)/nearest", 0L, s);
            Fixtures.assertBitsEqual(expected, r, q.toString());
            assertEquals(new QuantStats(7, 2, 1, 2), s.snapshot(), q.toString());
        }
    }

    @Test
    void e5m2WorkedValuesAndOverflow() {
        // docs/algorithms.md §2.3: 1.3 -> 1.25, 1.375 -> 1.5, 1.125 -> 1.0, -2.7 -> -2.5; 61440 is
        // the
        // midpoint above max 57344, so it overflows to Infinity (to max under toward-zero).
        float[] data = {1.3f, 1.375f, 1.125f, -2.7f, 61440f, -0f, 0x1p-17f};
        float[] nearest = {1.25f, 1.5f, 1f, -2.5f, Float.POSITIVE_INFINITY, -0f, 0f};
        float[] zero = {1.25f, 1.25f, 1f, -2.5f, 57344f, -0f, 0f};
        for (TensorQuantizer q : paths()) {
            StatsAccumulator s = new StatsAccumulator();
            Fixtures.assertBitsEqual(
                    nearest, run(q, data, "fp8-e5m2/nearest", 0L, s), q + " nearest");
            assertEquals(new QuantStats(7, 1, 1, 0), s.snapshot());
            Fixtures.assertBitsEqual(zero, run(q, data, "fp8-e5m2/zero", 0L, null), q + " zero");
        }
    }

    @Test
    void e4m3OverflowIsNaNUnlessSaturating() {
        // Step 32 in the top binade: 464 is a tie that goes to the even 448; 465 rounds to 480,
        // past max 448.
        float[] data = {465f, -480f, Float.POSITIVE_INFINITY, 464f};
        for (TensorQuantizer q : paths()) {
            Fixtures.assertBitsEqual(
                    new float[] {Float.NaN, Float.NaN, Float.NaN, 448f},
                    run(q, data, "fp8-e4m3/nearest", 0L, null),
                    q.toString());
            Fixtures.assertBitsEqual(
                    new float[] {448f, -448f, 448f, 448f},
                    run(q, data, "fp8-e4m3-sat/nearest", 0L, null),
                    q + " sat");
        }
    }
}
