/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static io.github.muppetdjl.quant.rounding.Rounding.NEAREST_EVEN;
import static io.github.muppetdjl.quant.rounding.Rounding.TOWARD_ZERO;

import io.github.muppetdjl.quant.format.FixedPoint;

import org.junit.jupiter.api.Test;

/**
 * Edge-value tables for fixed point (docs/algorithms.md §2.1): the asymmetric two's complement
 * range {@code [-2^(w-1), 2^(w-1)-1] * step}, rounding before saturation, signed zeros, ties both
 * ways, NaN kept and ±Infinity saturated to the range ends.
 */
class FixedPointEdgeValuesTest {

    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    // fixed(8,4): step 1/16, integers [-128, 127], values [-8, 7.9375].
    @Test
    void fixed8x4NearestEvenRoundsThenSaturatesToTheAsymmetricRange() {
        EdgeTable.of(new FixedPoint(8, 4), NEAREST_EVEN)
                .row(0f, 0f)
                .row(-0f, -0f)
                .row(0x1p-4f, 0x1p-4f) // one step
                .row(0x1p-5f, 0f) // half a step: tie -> 0 (underflow)
                .row(-0x1p-5f, -0f) // sign kept (underflow)
                .row(0x1.8p-4f, 0x1p-3f) // 1.5 steps: tie up to 2
                .row(0x1.4p-3f, 0x1p-3f) // 2.5 steps: tie down to 2
                .row(1.3f, 1.3125f) // 20.8 steps -> 21
                .row(-1.3f, -1.3125f)
                .row(7.9375f, 7.9375f) // max, I = 127
                .row(7.96875f, 7.9375f) // 127.5: rounds to 128 first, then saturates (saturated)
                .row(100f, 7.9375f) // (saturated)
                .row(Float.MAX_VALUE, 7.9375f) // (saturated)
                .row(-8f, -8f) // I = -128 is in range: the range is asymmetric
                .row(-8.03125f, -8f) // -128.5: tie to even -128, in range
                .row(-8.0625f, -8f) // -129 (saturated)
                .row(-8.09375f, -8f) // -129.5 -> -130 (saturated)
                .row(NAN, NAN)
                .row(INF, 7.9375f)
                .row(-INF, -8f)
                .check(5, 2, 3);
    }

    @Test
    void fixed8x4TowardZeroTruncatesMagnitudes() {
        EdgeTable.of(new FixedPoint(8, 4), TOWARD_ZERO)
                .row(7.99f, 7.9375f) // 127.84 -> 127, in range
                .row(-8.05f, -8f) // -128.8 -> -128, in range
                .row(-8.07f, -8f) // -129.1 -> -129 (saturated)
                .row(0x1.fp-5f, 0f) // 0.97 steps (underflow)
                .row(-1.3f, -1.25f) // 20.8 -> 20
                .row(-INF, -8f)
                .check(1, 1, 1);
    }

    @Test
    void negativeFractionBitsGiveStepsAboveOne() {
        // fixed(4,-2): step 4, integers [-8, 7], values [-32, 28].
        EdgeTable.of(new FixedPoint(4, -2), NEAREST_EVEN)
                .row(6f, 8f) // 1.5 steps: tie up to 2
                .row(10f, 8f) // 2.5 steps: tie down to 2
                .row(1f, 0f) // (underflow)
                .row(30f, 28f) // 7.5 -> 8 (saturated)
                .row(-30f, -32f) // -7.5 -> -8, in range
                .row(-34f, -32f) // -8.5 -> tie to -8, in range
                .row(-35f, -32f) // -8.75 -> -9 (saturated)
                .check(2, 1, 0);
    }

    @Test
    void extremeWordWidthsKeepTheirRanges() {
        // fixed(2,0): integers [-2, 1].
        EdgeTable.of(new FixedPoint(2, 0), NEAREST_EVEN)
                .row(1.5f, 1f) // tie -> 2 (saturated)
                .row(-1.5f, -2f) // tie -> -2, in range
                .row(0.5f, 0f) // (underflow)
                .row(INF, 1f)
                .check(1, 1, 1);
        // fixed(24,0): integers [-2^23, 2^23 - 1].
        EdgeTable.of(new FixedPoint(24, 0), NEAREST_EVEN)
                .row(8388607f, 8388607f)
                .row(8388607.5f, 8388607f) // tie -> 2^23 (saturated)
                .row(-8388608f, -8388608f)
                .row(-8388609f, -8388608f) // (saturated)
                .check(2, 0, 0);
        // fixed(8,125): the finest step, 2^-125, stays exact in FP32.
        EdgeTable.of(new FixedPoint(8, 125), NEAREST_EVEN)
                .row(0x1p-125f, 0x1p-125f)
                .row(0x1.8p-125f, 0x1p-124f)
                .row(0x1p-126f, 0f) // (underflow)
                .row(1f, 127 * 0x1p-125f) // (saturated)
                .check(1, 1, 0);
    }
}
