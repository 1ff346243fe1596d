/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * A simulated number format: values stay in FP32 storage and are snapped onto the format's grid.
 *
 * <p>Formats are immutable values with a stable one-line {@link #toString()} that is also the
 * syntax the {@code muppet} command-line tool accepts (for example {@code bfp(8)}, {@code
 * fixed(16,8)}, {@code fp8-e5m2}).
 *
 * @see FixedPoint
 * @see BlockFloatingPoint
 * @see FloatingPoint
 * @see RangeLinear
 * @see FullPrecision
 */
public sealed interface NumberFormat
        permits FixedPoint, BlockFloatingPoint, FloatingPoint, RangeLinear, FullPrecision {

    /**
     * Returns the number of bits one value occupies in the format, sign included (for block
     * floating point: the per-element word, excluding the shared exponent).
     *
     * @return the storage width in bits
     */
    int bits();

    /**
     * Returns the largest finite magnitude of the format. For {@link BlockFloatingPoint} the limits
     * are in units of the block's scale {@code 2^-s}.
     *
     * @return the largest finite value
     */
    float maxFinite();

    /**
     * Returns the smallest positive normal magnitude (for fixed point: one step).
     *
     * @return the smallest normal value
     */
    float minNormal();

    /**
     * Returns the smallest positive magnitude the format represents (for fixed point: one step).
     *
     * @return the smallest positive value
     */
    float minSubnormal();

    /**
     * Parses the text form produced by {@link #toString()} of any format.
     *
     * @param text for example {@code fixed(16,8)}, {@code bfp(8)}, {@code bfp(8,tile:32)}, {@code
     *     range(4)}, {@code range(4,slice:0)}, {@code float(5,2)}, {@code fp8-e5m2}, {@code
     *     fp8-e4m3}, {@code fp16}, {@code bf16}, {@code tf32} or {@code fp32}
     * @return the format
     * @throws IllegalArgumentException if the text names no valid format
     */
    static NumberFormat parse(String text) {
        return FormatParser.parse(text);
    }
}
