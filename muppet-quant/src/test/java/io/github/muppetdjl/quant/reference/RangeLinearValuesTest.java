/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

/**
 * CPT's range-based linear quantiser (docs/algorithms.md §6.5) through the scalar reference, on
 * values worked out by hand from {@code scale = (max - min) / (2^b - 1)}, {@code q = round((x -
 * min) / scale)}, {@code value = q * scale + min}.
 */
class RangeLinearValuesTest {

    private static float[] quantize(float[] x, long[] shape, String precision) {
        float[] out = x.clone();
        ScalarQuantizer.quantize(out, shape, Precision.parse(precision), 1L);
        return out;
    }

    @Test
    void workedValueFromTheIssue() {
        // b = 2: scale = 2/3; (x + 1) / scale = 0, 1.5, 2.25, 3 -> codes 0, 2, 2, 3.
        float[] q = quantize(new float[] {-1f, 0f, 0.5f, 1f}, new long[] {4}, "range(2)");
        float third = (float) (2 * (2.0 / 3) - 1);
        assertArrayEquals(new float[] {-1f, third, third, 1f}, q);
        assertEquals(1f / 3, third, 1e-7);
    }

    @Test
    void tiesRoundHalfToEven() {
        // [0, 3] at b = 2: scale 1; 0.5 -> 0, 1.5 -> 2, 2.5 -> 2.
        float[] q = quantize(new float[] {0f, 0.5f, 1.5f, 2.5f, 3f}, new long[] {5}, "range(2)");
        assertArrayEquals(new float[] {0f, 0f, 2f, 2f, 3f}, q);
    }

    @Test
    void minimumAndMaximumAreExactAndEveryValueIsOnTheGrid() {
        float[] x = {0.1f, -2.5f, 7.25f, 3.3f, 0f, 1e-3f};
        float[] q = quantize(x, new long[] {6}, "range(3)");
        assertEquals(-2.5f, q[1]);
        assertEquals(7.25f, q[2]);
        double scale = (7.25 + 2.5) / 7;
        for (float v : q) {
            double code = (v + 2.5) / scale;
            assertEquals(Math.rint(code), code, 1e-5, "value " + v + " is off the grid");
        }
    }

    @Test
    void weightsTakeOneRangePerOutputChannel() {
        // Shape [2, 3]: row 0 spans [0, 3], row 1 spans [-30, 0]; b = 2 gives steps 1 and 10.
        float[] x = {0f, 1.4f, 3f, -30f, -14f, 0f};
        float[] q = quantize(x, new long[] {2, 3}, "range(2,slice:0)");
        assertArrayEquals(new float[] {0f, 1f, 3f, -30f, -10f, 0f}, q);
        // Per tensor, one step of 11 for both rows: 1.4 at code 2.85 -> 3, -14 at 1.45 -> -19.
        float[] t = quantize(x, new long[] {2, 3}, "range(2)");
        assertEquals(3f, t[1]);
        assertEquals(-19f, t[4]);
    }

    @Test
    void constantBlockIsUnchanged() {
        float[] q = quantize(new float[] {0.7f, 0.7f, 0.7f}, new long[] {3}, "range(4)");
        assertArrayEquals(new float[] {0.7f, 0.7f, 0.7f}, q);
    }

    @Test
    void nonFiniteBlockIsLeftAndCounted() {
        float[] x = {1f, Float.NaN, 0.3f, 2f, 0.2f, 0.1f};
        float[] out = x.clone();
        QuantStats s =
                ScalarQuantizer.quantize(
                        out, new long[] {2, 3}, Precision.parse("range(2,slice:0)"), 1L);
        assertArrayEquals(new float[] {1f, Float.NaN, 0.3f}, new float[] {out[0], out[1], out[2]});
        // Row 1 spans [0.1, 2] at step 0.633: 0.2 lies at code 0.16 and rounds to the minimum.
        assertArrayEquals(new float[] {2f, 0.1f, 0.1f}, new float[] {out[3], out[4], out[5]});
        assertEquals(new QuantStats(6, 0, 0, 1), s);
    }

    @Test
    void givenRangeClampsAndCountsSaturation() {
        float[] x = {-5f, 0.5f, 0.9f, 5f, Float.NaN};
        QuantStats s =
                RangeLinearReference.quantizeInRange(
                        x, RangeLinear.perTensor(1), Rounding.NEAREST_EVEN, 0f, 1f, 0L);
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, Float.NaN}, x);
        assertEquals(new QuantStats(5, 2, 0, 1), s);
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        RangeLinearReference.quantizeInRange(
                                x, RangeLinear.perTensor(1), Rounding.NEAREST_EVEN, 1f, 0f, 0L));
    }

    @Test
    void stochasticErrorsAreUnbiased() {
        // [0, 1] at b = 2: step 1/3; 0.3 lies at code 0.9, 0.77 at 2.31. Each trial's value has
        // variance at most step^2 / 4, so the mean of N trials is within 5 * step / (2 sqrt N) of
        // x with overwhelming probability, and every value is one of the two neighbours.
        float[] x = {0f, 1f, 0.3f, 0.77f};
        int trials = 20000;
        double[] sum = new double[x.length];
        RangeLinear f = RangeLinear.perTensor(2);
        for (int t = 0; t < trials; t++) {
            float[] q = x.clone();
            RangeLinearReference.quantize(
                    q, new long[] {4}, f, Rounding.STOCHASTIC, CounterRng.key(42, t, 7));
            for (int i = 0; i < x.length; i++) {
                sum[i] += q[i];
            }
            assertTrue(q[2] == 0f || q[2] == (float) (1.0 / 3), "neighbours of 0.3: " + q[2]);
            assertTrue(q[3] == (float) (2.0 / 3) || q[3] == 1f, "neighbours of 0.77: " + q[3]);
        }
        double bound = 5 * (1.0 / 3) / (2 * Math.sqrt(trials));
        assertEquals(0.0, sum[0] / trials, 0.0);
        assertEquals(1.0, sum[1] / trials, 0.0);
        assertEquals(0.3, sum[2] / trials, bound);
        assertEquals(0.77, sum[3] / trials, bound);
    }

    @Test
    void textFormRoundTrips() {
        assertEquals("range(8)", RangeLinear.perTensor(8).toString());
        assertEquals("range(4,slice:0)", RangeLinear.perChannel(4).toString());
        assertEquals(RangeLinear.perChannel(4), NumberFormat.parse("range(4,slice:0)"));
        assertEquals(RangeLinear.perTensor(8), NumberFormat.parse("range(8, tensor)"));
        assertEquals("range(3)/stochastic", Precision.parse("range(3)/stochastic").toString());
        assertThrows(IllegalArgumentException.class, () -> NumberFormat.parse("range(0)"));
        assertThrows(IllegalArgumentException.class, () -> NumberFormat.parse("range(25)"));
        assertThrows(IllegalArgumentException.class, () -> NumberFormat.parse("range(4,2,1)"));
        assertEquals(255f, RangeLinear.perTensor(8).maxFinite());
    }
}
