/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * Block floating point (a.k.a. dynamic fixed point): a power-of-two scale shared by a block and a
 * {@code w}-bit two's complement integer per element. MuPPET (Rajagopal et al., ICML 2020) uses one
 * block per tensor at w = 8, 12, 14, 16; Das et al. (ICLR 2018) use w = 16.
 *
 * <p>For a block with {@code m = max|x|}: {@code s = floor(log2((2^(w-1) - 0.5) / m))}, {@code I =
 * round(x * 2^s)} saturated to {@code [-2^(w-1), 2^(w-1)-1]}, value {@code I * 2^-s}. The largest
 * element lands in {@code [2^(w-2), 2^(w-1))} integer units. An all-zero block is unchanged; a
 * block holding NaN or ±Infinity is left unchanged and its non-finite elements are counted.
 *
 * <p>Our choice for a case the contract leaves open: when a block's largest magnitude is within one
 * grid step of {@code 2^128} it can round onto {@code 2^128}, which FP32 storage cannot hold; that
 * element takes the next grid value toward zero instead (the largest one FP32 holds) and counts as
 * saturated, so a finite input never becomes Infinity.
 *
 * <p>The limits ({@link #maxFinite()} and friends) are in integer units of the block scale, since
 * the scale itself depends on the data.
 *
 * @param mantissaBits the per-element word {@code w}, sign included, in [2, 24]
 * @param block which elements share the exponent
 */
public record BlockFloatingPoint(int mantissaBits, Block block) implements NumberFormat {

    /** Validates the fields. */
    public BlockFloatingPoint {
        Checks.inRange("mantissaBits", mantissaBits, 2, FixedPoint.MAX_WORD_BITS);
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
    }

    /**
     * A per-tensor block floating-point format.
     *
     * @param mantissaBits the per-element word {@code w}, sign included, in [2, 24]
     * @return the format
     */
    public static BlockFloatingPoint perTensor(int mantissaBits) {
        return new BlockFloatingPoint(mantissaBits, Block.TENSOR);
    }

    /**
     * Returns the shared exponent {@code s} for a block whose largest magnitude is {@code max}: the
     * largest integer with {@code max * 2^s <= 2^(w-1) - 0.5}.
     *
     * @param max the block's largest magnitude, finite and positive
     * @return the exponent of the scale {@code 2^s}
     * @throws IllegalArgumentException if {@code max} is not finite and positive
     */
    public int scaleExponent(float max) {
        if (!(max > 0) || max == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("max must be finite and positive, got " + max);
        }
        int s = (mantissaBits - 2) - Math.getExponent((double) max);
        double limit = Math.scalb(1.0, mantissaBits - 1) - 0.5;
        if (Math.scalb((double) max, s) > limit) {
            s--;
        }
        return s;
    }

    @Override
    public int bits() {
        return mantissaBits;
    }

    @Override
    public float maxFinite() {
        return (1 << (mantissaBits - 1)) - 1;
    }

    @Override
    public float minNormal() {
        return 1 << (mantissaBits - 2);
    }

    @Override
    public float minSubnormal() {
        return 1f;
    }

    @Override
    public String toString() {
        return block instanceof Block.Tensor
                ? "bfp(" + mantissaBits + ")"
                : "bfp(" + mantissaBits + "," + block + ")";
    }
}
