/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;

/**
 * The DFP16 number format of Das et al. (ICLR 2018), docs/algorithms.md §6.4: a tensor is a 16-bit
 * two's complement integer per element times one shared power of two.
 *
 * <p>For a tensor with largest magnitude {@code m}, the exponent is that of per-tensor {@code
 * bfp(16)} (docs/algorithms.md §2.2), {@code s16 = floor(log2((2^15 - 0.5) / m))}, which puts
 * {@code m} in {@code [2^14, 2^15)} integer units; an extra right shift {@code a} (default 0) makes
 * it {@code s = s16 - a}. Each element becomes {@code I = round(x · 2^s)}, rounded once from the
 * exact value, and saturated to {@code ±(2^(15-a) - 1)}: the range is symmetric, so no product of
 * two mantissas exceeds {@code (2^(15-a) - 1)^2}, and a maximum just below a power of two that
 * rounds up onto {@code 2^(15-a)} is clamped, never wrapped. The value is {@code I · 2^-s}.
 *
 * <p>An all-zero tensor has all mantissas 0 (its exponent is 0 by convention). A tensor holding NaN
 * or ±Infinity has no DFP16 form; its non-finite elements are counted and the layer computes that
 * product in FP32, which carries the NaN or infinity on to the loss scaler or the user.
 */
public final class Dfp {

    /** The word width of a mantissa, sign included. */
    public static final int MANTISSA_BITS = 16;

    /** The largest shift: it leaves mantissas of at most 2 bits, magnitude at most 1. */
    public static final int MAX_SHIFT = 13;

    private static final BlockFloatingPoint BFP16 = BlockFloatingPoint.perTensor(MANTISSA_BITS);

    private Dfp() {}

    /**
     * Returns the largest mantissa magnitude, {@code 2^(15 - shift) - 1}.
     *
     * @param shift the extra right shift, in [0, {@link #MAX_SHIFT}]
     * @return 32767 for shift 0, 16383 for shift 1, ...
     */
    public static int maxMantissa(int shift) {
        checkShift(shift);
        return (1 << (MANTISSA_BITS - 1 - shift)) - 1;
    }

    /**
     * Returns the exponent {@code s} of a tensor whose largest magnitude is {@code max}: values are
     * {@code I · 2^-s}.
     *
     * @param max the largest magnitude, finite and positive
     * @param shift the extra right shift, in [0, {@link #MAX_SHIFT}]
     * @return {@code s16 - shift}
     * @throws IllegalArgumentException if {@code max} is not finite and positive
     */
    public static int scaleExponent(float max, int shift) {
        checkShift(shift);
        return BFP16.scaleExponent(max) - shift;
    }

    static void checkShift(int shift) {
        if (shift < 0 || shift > MAX_SHIFT) {
            throw new IllegalArgumentException(
                    "shift must be in [0, " + MAX_SHIFT + "], got " + shift);
        }
    }
}
