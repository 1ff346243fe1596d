/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * Two's complement fixed point: an integer {@code I} of {@code wordBits} bits scaled by the step
 * {@code 2^-fractionBits}. The range is {@code [-2^(w-1), 2^(w-1)-1] * step}; values round first
 * and then saturate to it. NaN stays NaN and ±Infinity saturates to the range ends.
 *
 * <p>Our choice: {@code wordBits} is limited to 24 so that every grid value is exactly
 * representable in the FP32 storage all simulated formats use.
 *
 * @param wordBits total bits including the sign, in [2, 24]
 * @param fractionBits bits after the binary point, in [-100, 125] (negative means steps above 1)
 */
public record FixedPoint(int wordBits, int fractionBits) implements NumberFormat {

    /** The largest supported word width. */
    public static final int MAX_WORD_BITS = 24;

    /** Validates the fields. */
    public FixedPoint {
        Checks.inRange("wordBits", wordBits, 2, MAX_WORD_BITS);
        Checks.inRange("fractionBits", fractionBits, -100, 125);
    }

    /**
     * Returns the smallest integer mantissa, {@code -2^(w-1)}.
     *
     * @return the lower saturation bound in integer units
     */
    public long minInteger() {
        return -(1L << (wordBits - 1));
    }

    /**
     * Returns the largest integer mantissa, {@code 2^(w-1)-1}.
     *
     * @return the upper saturation bound in integer units
     */
    public long maxInteger() {
        return (1L << (wordBits - 1)) - 1;
    }

    /**
     * Returns the grid step {@code 2^-fractionBits}.
     *
     * @return the step
     */
    public float step() {
        return Math.scalb(1f, -fractionBits);
    }

    @Override
    public int bits() {
        return wordBits;
    }

    @Override
    public float maxFinite() {
        return (float) Math.scalb((double) maxInteger(), -fractionBits);
    }

    @Override
    public float minNormal() {
        return step();
    }

    @Override
    public float minSubnormal() {
        return step();
    }

    @Override
    public String toString() {
        return "fixed(" + wordBits + "," + fractionBits + ")";
    }
}
