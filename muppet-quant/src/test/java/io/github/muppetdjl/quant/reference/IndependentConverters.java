/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

/**
 * Test-only float to binary16 and bfloat16 conversions written with integer bit manipulation,
 * independently of {@link ScalarQuantizer}, as the oracle for its (5,10) and (8,7) formats. Both
 * round to nearest, ties to even, on the exact FP32 value.
 */
final class IndependentConverters {

    private static final int F32_EXP_MASK = 0xFF;
    private static final int F32_MANT_BITS = 23;
    private static final int F32_MANT_MASK = 0x7F_FFFF;
    private static final int F32_IMPLICIT = 0x80_0000;
    private static final int F32_BIAS = 127;
    private static final int F16_BIAS = 15;
    private static final int F16_MANT_BITS = 10;
    private static final int F16_INF = 0x7C00;
    private static final int F16_QUIET_NAN = 0x7E00;
    private static final int DROPPED_BITS = F32_MANT_BITS - F16_MANT_BITS; // 13

    private IndependentConverters() {}

    /** Float to IEEE binary16 bits (in the low 16 bits), round to nearest even. */
    static int floatToHalfBits(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> F32_MANT_BITS) & F32_EXP_MASK;
        int mant = bits & F32_MANT_MASK;
        if (exp == F32_EXP_MASK) {
            return sign | (mant == 0 ? F16_INF : F16_QUIET_NAN);
        }
        int halfExp = exp - F32_BIAS + F16_BIAS;
        if (halfExp >= 0x1F) {
            return sign | F16_INF;
        }
        if (halfExp >= 1) {
            // Normal: drop 13 mantissa bits; a carry out of the mantissa bumps the exponent, and
            // out of the top exponent gives exactly the Infinity pattern.
            int half = sign | (halfExp << F16_MANT_BITS) | (mant >>> DROPPED_BITS);
            return half + roundIncrement(mant, DROPPED_BITS, half);
        }
        if (exp == 0) {
            return sign; // FP32 subnormals are below 2^-126, far under half of 2^-24
        }
        // Subnormal result: value = M * 2^(exp - 150) with M the 24-bit significand; in units of
        // 2^-24 that is M >> (126 - exp).
        int significand = mant | F32_IMPLICIT;
        int shift = 126 - exp; // >= 14
        if (shift > 24) {
            return sign; // below 2^-25: rounds to zero
        }
        int q = significand >>> shift;
        return sign | (q + roundIncrement(significand, shift, q));
    }

    /** 1 if dropping the low {@code shift} bits of {@code value} rounds up (ties to even). */
    private static int roundIncrement(int value, int shift, int kept) {
        int rem = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        return rem > halfway || (rem == halfway && (kept & 1) == 1) ? 1 : 0;
    }

    /** Binary16 bits back to float (exact). */
    static float halfBitsToFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exp = (half >>> F16_MANT_BITS) & 0x1F;
        int mant = half & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | (F32_EXP_MASK << F32_MANT_BITS) | (mant << 13));
        }
        if (exp == 0) {
            float magnitude = Math.scalb((float) mant, -24);
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(
                sign | ((exp - F16_BIAS + F32_BIAS) << F32_MANT_BITS) | (mant << DROPPED_BITS));
    }

    /** Float rounded to bfloat16 (returned widened to float): the "add 0x7FFF plus lsb" trick. */
    static float roundToBfloat16(float f) {
        if (Float.isNaN(f)) {
            return f;
        }
        int bits = Float.floatToRawIntBits(f);
        int lsb = (bits >>> 16) & 1;
        int rounded = (bits + 0x7FFF + lsb) & 0xFFFF_0000;
        return Float.intBitsToFloat(rounded);
    }

    /** Float rounded to binary16 and widened back. */
    static float roundToHalf(float f) {
        return halfBitsToFloat(floatToHalfBits(f));
    }

    static boolean sameBitsOrBothNan(float a, float b) {
        return (Float.isNaN(a) && Float.isNaN(b))
                || Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
    }
}
