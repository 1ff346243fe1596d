/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static io.github.muppetdjl.quant.rounding.Rounding.NEAREST_EVEN;
import static io.github.muppetdjl.quant.rounding.Rounding.TOWARD_ZERO;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.Specials;

import org.junit.jupiter.api.Test;

/**
 * Edge-value tables for floating-point formats (docs/algorithms.md §2.3): signed zeros, the
 * subnormal grid and its ties, min normal, max finite, the overflow threshold (midpoint between max
 * finite and the next power of two), specials, and the tallies. Every expected value is worked out
 * by hand in the comments from the format's bias and mantissa width.
 */
class FloatingPointEdgeValuesTest {

    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    // E5M2: bias 15, emin -14, emax 15; max 1.75 * 2^15 = 57344; top-binade step 2^13;
    // overflow threshold 57344 + 2^12 = 61440; subnormal step 2^-16.
    @Test
    void fp8E5M2NearestEvenMatchesHandDerivedTable() {
        EdgeTable.of(FloatingPoint.FP8_E5M2, NEAREST_EVEN)
                .row(0f, 0f)
                .row(-0f, -0f)
                .row(0x1p-16f, 0x1p-16f) // smallest subnormal
                .row(0x1p-17f, 0f) // half of it: tie between 0 and 1 steps -> 0 (underflow)
                .row(-0x1p-17f, -0f) // sign kept (underflow)
                .row(Math.nextUp(0x1p-17f), 0x1p-16f)
                .row(0x1.8p-16f, 0x1p-15f) // 1.5 steps: tie -> 2 (up)
                .row(0x1.4p-15f, 0x1p-15f) // 2.5 steps: tie -> 2 (down)
                .row(0x1.cp-15f, 0x1p-14f) // 3.5 steps: tie -> 4 = min normal
                .row(0x1p-14f, 0x1p-14f) // min normal
                .row(1.3f, 1.25f) // spec worked values
                .row(1.375f, 1.5f) // tie between 1.25 (odd) and 1.5 (even): up
                .row(1.125f, 1.0f) // tie between 1.0 (even) and 1.25: down
                .row(-2.7f, -2.5f)
                .row(1.625f, 1.5f) // tie between 1.5 (even) and 1.75: down
                .row(57344f, 57344f) // max finite
                .row(Math.nextUp(57344f), 57344f) // max + one FP32 ulp
                .row(Math.nextDown(61440f), 57344f) // just below the threshold
                .row(61440f, INF) // at the threshold (saturated)
                .row(-61440f, -INF) // (saturated)
                .row(65536f, INF) // next power (saturated)
                .row(Float.MAX_VALUE, INF) // (saturated)
                .row(NAN, NAN)
                .row(INF, INF)
                .row(-INF, -INF)
                .check(4, 2, 3);
    }

    @Test
    void fp8E5M2TowardZeroTruncatesAndClampsOverflowToMax() {
        EdgeTable.of(FloatingPoint.FP8_E5M2, TOWARD_ZERO)
                .row(-0f, -0f)
                .row(1.49f, 1.25f)
                .row(-2.7f, -2.5f)
                .row(0x1.fp-17f, 0f) // below the smallest subnormal (underflow)
                .row(0x1.fp-16f, 0x1p-16f)
                .row(61440f, 57344f) // truncates onto max: in range, not counted
                .row(65536f, 57344f) // beyond the top binade (saturated)
                .row(1e10f, 57344f) // (saturated)
                .row(-1e10f, -57344f) // (saturated)
                .row(INF, INF) // IEEE keeps infinities
                .row(NAN, NAN)
                .check(3, 1, 2);
    }

    @Test
    void fp8E5M2SaturatingClampsOverflowAndInfinityToMax() {
        EdgeTable.of(FloatingPoint.FP8_E5M2.withSaturation(), NEAREST_EVEN)
                .row(0x1p-16f, 0x1p-16f)
                .row(Math.nextDown(61440f), 57344f)
                .row(61440f, 57344f) // (saturated)
                .row(-1e10f, -57344f) // (saturated)
                .row(INF, 57344f)
                .row(-INF, -57344f)
                .row(NAN, NAN)
                .check(2, 0, 3);
    }

    @Test
    void fp8E5M2WithoutSubnormalsRoundsBelowMinNormalOntoZeroOrMinNormal() {
        EdgeTable.of(new FloatingPoint(5, 2, false, Specials.IEEE, false), NEAREST_EVEN)
                .row(0x1p-16f, 0f) // (underflow)
                .row(0x1p-15f, 0f) // half min normal: tie -> 0 (underflow)
                .row(Math.nextUp(0x1p-15f), 0x1p-14f)
                .row(-0x1.8p-15f, -0x1p-14f)
                .row(0x1p-14f, 0x1p-14f)
                .row(1.3f, 1.25f)
                .row(-0f, -0f)
                .check(0, 2, 0);
        EdgeTable.of(new FloatingPoint(5, 2, false, Specials.IEEE, false), TOWARD_ZERO)
                .row(0x1.fp-15f, 0f) // (underflow)
                .row(-0x1.fp-14f, -0x1.cp-14f) // step 2^-16 above min normal
                .check(0, 1, 0);
    }

    // E4M3 FN: bias 7, emin -6, emax 8; only S.1111.111 is NaN so max = 1.75 * 2^8 = 448; top step
    // 32; 464 is the midpoint between 448 and the NaN slot 480; subnormal step 2^-9.
    @Test
    void fp8E4M3FnNearestEvenMatchesHandDerivedTable() {
        EdgeTable.of(FloatingPoint.FP8_E4M3, NEAREST_EVEN)
                .row(-0f, -0f)
                .row(0x1p-9f, 0x1p-9f) // smallest subnormal
                .row(0x1p-10f, 0f) // tie -> 0 (underflow)
                .row(0x1.8p-10f, 0x1p-9f)
                .row(0x1.8p-9f, 0x1p-8f) // 1.5 steps: tie -> 2
                .row(0x1p-6f, 0x1p-6f) // min normal
                .row(1.3f, 1.25f)
                .row(1.0625f, 1.0f) // tie between 1.0 (even) and 1.125: down
                .row(1.1875f, 1.25f) // tie between 1.125 (odd) and 1.25: up
                .row(400f, 384f) // tie between 384 (even) and 416: down
                .row(432f, 448f) // tie between 416 (odd) and 448: up
                .row(448f, 448f) // max finite
                .row(Math.nextUp(448f), 448f)
                .row(464f, 448f) // the threshold itself ties to even 448
                .row(Math.nextUp(464f), NAN) // beyond: NaN (saturated)
                .row(-Math.nextUp(464f), NAN) // (saturated)
                .row(480f, NAN) // (saturated)
                .row(1e10f, NAN) // (saturated)
                .row(INF, NAN) // no infinities in FN
                .row(-INF, NAN)
                .row(NAN, NAN)
                .check(4, 1, 3);
    }

    @Test
    void fp8E4M3TowardZeroAndSaturatingClampToMax() {
        EdgeTable.of(FloatingPoint.FP8_E4M3, TOWARD_ZERO)
                .row(479f, 448f) // truncates onto max: not counted
                .row(1000f, 448f) // (saturated)
                .row(-1000f, -448f) // (saturated)
                .row(0x1.fp-10f, 0f) // (underflow)
                .row(INF, NAN)
                .check(2, 1, 1);
        EdgeTable.of(FloatingPoint.FP8_E4M3.withSaturation(), NEAREST_EVEN)
                .row(464f, 448f)
                .row(Math.nextUp(464f), 448f) // (saturated)
                .row(-1e10f, -448f) // (saturated)
                .row(INF, 448f)
                .row(-INF, -448f)
                .row(NAN, NAN)
                .check(2, 0, 3);
        EdgeTable.of(new FloatingPoint(4, 3, false, Specials.FN, false), NEAREST_EVEN)
                .row(0x1p-7f, 0f) // half min normal: tie -> 0 (underflow)
                .row(Math.nextUp(0x1p-7f), 0x1p-6f)
                .row(0x1p-9f, 0f) // (underflow)
                .check(0, 2, 0);
    }

    // FP16: bias 15, emin -14; max (2 - 2^-10) * 2^15 = 65504; threshold 65520; subnormal 2^-24.
    @Test
    void fp16NearestEvenMatchesHandDerivedTable() {
        EdgeTable.of(FloatingPoint.FP16, NEAREST_EVEN)
                .row(-0f, -0f)
                .row(0x1p-24f, 0x1p-24f)
                .row(0x1p-25f, 0f) // (underflow)
                .row(-0x1p-25f, -0f) // (underflow)
                .row(Math.nextUp(0x1p-25f), 0x1p-24f)
                .row(0x1.8p-24f, 0x1p-23f) // tie -> 2 steps
                .row(0x1.4p-23f, 0x1p-23f) // 2.5 steps: tie -> 2
                .row(0x1p-14f - 0x1p-25f, 0x1p-14f) // 1023.5 steps: tie -> 1024 = min normal
                .row(1f + 0x1p-11f, 1f) // tie: down
                .row(1f + 0x3p-11f, 1f + 0x1p-9f) // tie: up
                .row(-(1f + 0x1p-11f), -1f)
                .row(2049f, 2048f) // step 2 here: tie, down
                .row(2051f, 2052f) // tie, up
                .row(65504f, 65504f)
                .row(Math.nextUp(65504f), 65504f)
                .row(Math.nextDown(65520f), 65504f)
                .row(65520f, INF) // (saturated)
                .row(-65520f, -INF) // (saturated)
                .row(NAN, NAN)
                .row(INF, INF)
                .row(-INF, -INF)
                .check(2, 2, 3);
        EdgeTable.of(FloatingPoint.FP16.withSaturation(), NEAREST_EVEN)
                .row(65520f, 65504f) // (saturated)
                .row(INF, 65504f)
                .row(-INF, -65504f)
                .check(1, 0, 2);
        EdgeTable.of(new FloatingPoint(5, 10, false, Specials.IEEE, false), NEAREST_EVEN)
                .row(0x1p-15f, 0f) // (underflow)
                .row(0x1.8p-15f, 0x1p-14f)
                .row(0x1p-24f, 0f) // (underflow)
                .check(0, 2, 0);
        EdgeTable.of(FloatingPoint.FP16, TOWARD_ZERO)
                .row(Math.nextDown(65536f), 65504f) // truncates onto max
                .row(65536f, 65504f) // (saturated)
                .row(1f + 0x1.fp-11f, 1f)
                .check(1, 0, 0);
    }

    // BF16: bias 127, emin -126; max (2 - 2^-7) * 2^127 = 0x1.fep127; threshold 0x1.ffp127;
    // subnormal step 2^-133.
    @Test
    void bf16NearestEvenMatchesHandDerivedTable() {
        EdgeTable.of(FloatingPoint.BF16, NEAREST_EVEN)
                .row(-0f, -0f)
                .row(0x1p-133f, 0x1p-133f)
                .row(0x1p-134f, 0f) // (underflow)
                .row(0x1.8p-134f, 0x1p-133f)
                .row(Float.MIN_VALUE, 0f) // (underflow)
                .row(Float.MIN_NORMAL, Float.MIN_NORMAL)
                .row(1f + 0x1p-8f, 1f) // tie: down
                .row(1f + 0x3p-8f, 1f + 0x1p-6f) // tie: up
                .row(0x1.fep127f, 0x1.fep127f)
                .row(Math.nextUp(0x1.fep127f), 0x1.fep127f)
                .row(Math.nextDown(0x1.ffp127f), 0x1.fep127f)
                .row(0x1.ffp127f, INF) // (saturated)
                .row(-Float.MAX_VALUE, -INF) // (saturated)
                .row(NAN, NAN)
                .row(-INF, -INF)
                .check(2, 2, 2);
        EdgeTable.of(FloatingPoint.BF16.withSaturation(), NEAREST_EVEN)
                .row(Float.MAX_VALUE, 0x1.fep127f) // (saturated)
                .row(INF, 0x1.fep127f)
                .check(1, 0, 1);
        EdgeTable.of(FloatingPoint.BF16, TOWARD_ZERO)
                .row(Float.MAX_VALUE, 0x1.fep127f) // truncates onto max
                .check(0, 0, 0);
        EdgeTable.of(new FloatingPoint(8, 7, false, Specials.IEEE, false), NEAREST_EVEN)
                .row(0x1p-127f, 0f) // FP32 subnormal, half min normal: tie (underflow)
                .row(0x1.8p-127f, Float.MIN_NORMAL)
                .check(0, 1, 0);
    }

    // TF32 (e8m10): max (2 - 2^-10) * 2^127 = 0x1.ffcp127; threshold 0x1.ffep127; subnormal 2^-136.
    @Test
    void tf32NearestEvenMatchesHandDerivedTable() {
        EdgeTable.of(FloatingPoint.TF32, NEAREST_EVEN)
                .row(-0f, -0f)
                .row(0x1p-136f, 0x1p-136f)
                .row(0x1p-137f, 0f) // (underflow)
                .row(0x1.8p-136f, 0x1p-135f)
                .row(1f + 0x1p-11f, 1f)
                .row(1f + 0x3p-11f, 1f + 0x1p-9f)
                .row(0x1.ffcp127f, 0x1.ffcp127f)
                .row(Math.nextUp(0x1.ffcp127f), 0x1.ffcp127f)
                .row(Math.nextDown(0x1.ffep127f), 0x1.ffcp127f)
                .row(0x1.ffep127f, INF) // (saturated)
                .row(INF, INF)
                .check(1, 1, 1);
        EdgeTable.of(FloatingPoint.TF32.withSaturation(), NEAREST_EVEN)
                .row(0x1.ffep127f, 0x1.ffcp127f) // (saturated)
                .row(-INF, -0x1.ffcp127f)
                .check(1, 0, 1);
    }

    @Test
    void tinyFormatsWithNoMantissaOrTwoExponentBitsFollowTheSameRules() {
        // e2m0 IEEE: bias 1, emin 0, emax 1, grid {1, 2}; max 2, threshold 3; no subnormal step
        // below 1 other than 1 itself (m = 0).
        EdgeTable.of(new FloatingPoint(2, 0), NEAREST_EVEN)
                .row(0.5f, 0f) // tie between 0 and 1 -> 0 (underflow)
                .row(0.75f, 1f)
                .row(1.5f, 2f) // step 1 here: tie between 1 (odd) and 2 (even)
                .row(Math.nextDown(3f), 2f)
                .row(3f, INF) // (saturated)
                .check(1, 1, 0);
        // e2m1 FN: bias 1, emax 2, top binade {4, 6=NaN}: max 4, threshold 5.
        EdgeTable.of(new FloatingPoint(2, 1, true, Specials.FN, false), NEAREST_EVEN)
                .row(5f, 4f) // tie between 4 (even) and the NaN slot 6
                .row(Math.nextUp(5f), NAN) // (saturated)
                .row(0.25f, 0f) // subnormal step 0.5: tie (underflow)
                .row(0.75f, 1f) // tie between 0.5 (odd) and 1.0 (even)
                .check(1, 1, 0);
    }
}
