/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;

/**
 * The CPU fast path's element arithmetic as a plain loop, used when the Vector API is absent and
 * for the vector kernel's ragged ends. It works in FP32 yet is exact, because every step is exact
 * in FP32 wherever it matters:
 *
 * <ul>
 *   <li>scaling by {@code 2^s} is split into two factors that are normal floats, so it is exact
 *       unless the scaled value is below {@code 2^-126}; such a tiny {@code y} rounds down under
 *       nearest and toward-zero, and up under stochastic rounding iff {@code u24 == 0}, which
 *       raising {@code y} to at least {@link Float#MIN_VALUE} (for non-zero inputs) preserves;
 *   <li>{@code y - floor(y)} and {@code frac * 2^24} are exact for {@code y < 2^24}; any larger
 *       {@code y} saturates every supported word, so it is clamped to {@code 2^24};
 *   <li>the result {@code m * 2^-s} is formed with one rounding at the end, as the reference's
 *       double-to-float cast does.
 * </ul>
 */
final class ScalarKernel implements FastKernel {

    /** The shared instance; the class is stateless. */
    static final ScalarKernel INSTANCE = new ScalarKernel();

    static final int SIGN = 0x80000000;
    static final int ABS = 0x7fffffff;
    static final int INF_BITS = 0x7f800000;
    static final int NAN_BITS = Float.floatToRawIntBits(Float.NaN);
    static final float TWO_POW_23 = 0x1p23f;
    static final float TWO_POW_24 = 0x1p24f;

    private ScalarKernel() {}

    /**
     * Returns {@code 2^k} for {@code k} in [-126, 127].
     *
     * @param k the exponent
     * @return the power of two
     */
    static float pow2(int k) {
        return Float.intBitsToFloat((k + 127) << 23);
    }

    @Override
    public int maxAbsBits(ByteBuffer buf, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, buf.getInt(4 * i) & ABS);
        }
        return max;
    }

    @Override
    public void quantizeGrid(
            ByteBuffer src,
            ByteBuffer buf,
            int from,
            int to,
            int scaleExp,
            float maxPos,
            boolean blockScaled,
            Rounding rounding,
            long key,
            long[] counts,
            ChannelsLast layout) {
        int s1 = scaleExp >> 1;
        float up1 = pow2(s1);
        float up2 = pow2(scaleExp - s1);
        float down1 = pow2(-s1);
        float down2 = pow2(s1 - scaleExp);
        for (int i = from; i < to; i++) {
            int u =
                    rounding == Rounding.STOCHASTIC
                            ? CounterRng.uniform24(key, layout == null ? i : layout.logical(i))
                            : 0;
            int bits = src.getInt(4 * i);
            buf.putInt(4 * i, grid(bits, up1, up2, down1, down2, maxPos, rounding, u, counts));
        }
    }

    @Override
    public void quantizeFloat(
            ByteBuffer src,
            ByteBuffer buf,
            int from,
            int to,
            FloatPlan plan,
            long key,
            long[] counts) {
        boolean stochastic = plan.rounding() == Rounding.STOCHASTIC;
        for (int i = from; i < to; i++) {
            int u = stochastic ? CounterRng.uniform24(key, i) : 0;
            buf.putInt(4 * i, floating(src.getInt(4 * i), plan, u, counts));
        }
    }

    /**
     * Quantises one element onto the integer grid {@code I * 2^-s}.
     *
     * @param bits the element's raw bits
     * @param up1 first factor of {@code 2^s}
     * @param up2 second factor of {@code 2^s}
     * @param down1 first factor of {@code 2^-s} (the exact one)
     * @param down2 second factor of {@code 2^-s} (the one that rounds)
     * @param maxPos the largest integer; the smallest is {@code -(maxPos + 1)}
     * @param rounding the rounding mode
     * @param u the element's uniform integer (stochastic rounding)
     * @param counts statistics, or null
     * @return the result's raw bits
     */
    static int grid(
            int bits,
            float up1,
            float up2,
            float down1,
            float down2,
            float maxPos,
            Rounding rounding,
            int u,
            long[] counts) {
        int ab = bits & ABS;
        if (ab > INF_BITS) {
            if (counts != null) {
                counts[NON_FINITE]++;
            }
            return bits;
        }
        float a = Float.intBitsToFloat(ab);
        float y = a * up1 * up2;
        y = Math.min(Math.max(y, Math.min(a, Float.MIN_VALUE)), TWO_POW_24);
        float m = roundMagnitude(y, rounding, u);
        float limit = bits < 0 ? maxPos + 1 : maxPos;
        if (counts != null) {
            if (ab == INF_BITS) {
                counts[NON_FINITE]++;
            } else if (m > limit) {
                counts[SATURATED]++;
            } else if (m == 0 && ab != 0) {
                counts[UNDERFLOWED]++;
            }
        }
        float q = Math.min(m, limit) * down1 * down2;
        if (q == Float.POSITIVE_INFINITY && ab != INF_BITS) {
            // BlockFloatingPoint's rule: a grid value at 2^128, which FP32 cannot hold, steps one
            // integer back toward zero and counts as saturated.
            q = (Math.min(m, limit) - 1) * down1 * down2;
            if (counts != null && m <= limit) {
                counts[SATURATED]++;
            }
        }
        return Float.floatToRawIntBits(q) | (bits & SIGN);
    }

    /**
     * Returns whether the integer grid {@code I * 2^-s} with {@code |I| <= maxPos + 1} reaches
     * {@code 2^128}, beyond FP32.
     *
     * @param scaleExp the exponent {@code s}
     * @param maxPos the largest integer
     * @return true if a grid value can overflow FP32
     */
    static boolean mayReachTwoPow128(int scaleExp, float maxPos) {
        return Math.scalb(maxPos + 1.0, -scaleExp) >= 0x1p128;
    }

    /**
     * Quantises one element to a floating-point format.
     *
     * @param bits the element's raw bits
     * @param plan the format's constants
     * @param u the element's uniform integer (stochastic rounding)
     * @param counts statistics, or null
     * @return the result's raw bits
     */
    static int floating(int bits, FloatPlan plan, int u, long[] counts) {
        int ab = bits & ABS;
        if (ab >= INF_BITS) {
            if (counts != null) {
                counts[NON_FINITE]++;
            }
            if (ab > INF_BITS || (plan.ieee() && !plan.saturate())) {
                return bits;
            }
            return plan.saturate() ? Float.floatToRawIntBits(plan.max()) | (bits & SIGN) : NAN_BITS;
        }
        int biased = ab >>> 23;
        float y;
        float down;
        int post;
        if (biased >= plan.minBiasedExp()) {
            // |x| / 2^e is |x|'s significand in [1, 2): set the exponent field to the bias.
            y = Float.intBitsToFloat((ab & 0x007fffff) | 0x3f800000) * pow2(plan.mantissaBits());
            down = pow2(-plan.mantissaBits());
            post = biased;
        } else {
            y = Float.intBitsToFloat(ab) * plan.subScale() * pow2(plan.subMantissaBits());
            down = pow2(-plan.subMantissaBits());
            post = plan.minBiasedExp();
        }
        float m = roundMagnitude(y, plan.rounding(), u);
        float q = m * down * Float.intBitsToFloat(post << 23);
        if (q > plan.max()) {
            if (counts != null) {
                counts[SATURATED]++;
            }
            if (plan.overflowToMax()) {
                q = plan.max();
            } else if (plan.ieee()) {
                q = Float.POSITIVE_INFINITY;
            } else {
                return NAN_BITS;
            }
        } else if (q == 0 && ab != 0 && counts != null) {
            counts[UNDERFLOWED]++;
        }
        return Float.floatToRawIntBits(q) | (bits & SIGN);
    }

    /**
     * Rounds {@code 0 <= y <= 2^24} to an integer; exact as argued in the class comment.
     *
     * @param y the magnitude in grid steps
     * @param rounding the rounding mode
     * @param u the uniform integer in [0, 2^24) for stochastic rounding
     * @return the integer, as a float
     */
    static float roundMagnitude(float y, Rounding rounding, int u) {
        int lo = (int) y;
        float low = lo;
        float frac = y - low;
        boolean up =
                switch (rounding) {
                    case NEAREST_EVEN -> frac > 0.5f || (frac == 0.5f && (lo & 1) != 0);
                    case TOWARD_ZERO -> false;
                    case STOCHASTIC -> (float) u < frac * TWO_POW_24;
                };
        return up ? low + 1f : low;
    }
}
