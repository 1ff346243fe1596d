/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;

/**
 * One pass of the CPU fast path over a range of FP32 elements held in a native-order direct buffer
 * (element {@code i} at byte offset {@code 4 * i}; {@code i} is also the row-major index the
 * generator sees). Implementations must agree with {@link
 * io.github.muppetdjl.quant.reference.ScalarQuantizer} bit for bit.
 *
 * <p>{@code counts}, when not null, receives {saturated, underflowed, nonFinite} increments.
 */
interface FastKernel {

    /** Index of the saturated count in a counts array. */
    int SATURATED = 0;

    /** Index of the underflowed count in a counts array. */
    int UNDERFLOWED = 1;

    /** Index of the non-finite count in a counts array. */
    int NON_FINITE = 2;

    /**
     * Returns the largest {@code floatToRawIntBits(|x|)} over the range: the bits of the largest
     * magnitude, or a value {@code >= 0x7f800000} when the range holds NaN or ±Infinity.
     *
     * @param buf the tensor memory
     * @param from first element
     * @param to end element (exclusive)
     * @return the largest magnitude's bits, 0 for an empty or all-zero range
     */
    int maxAbsBits(ByteBuffer buf, int from, int to);

    /**
     * Quantises {@code src}'s range into {@code buf}'s (in place when they are the same buffer) to
     * integers {@code I * 2^-scaleExp}, {@code I} in {@code [-(maxPos+1), maxPos]} (fixed point,
     * and block floating point within one block).
     *
     * @param src the memory read (the tensor, or the source of a copy)
     * @param buf the memory written, same layout
     * @param from first element
     * @param to end element (exclusive)
     * @param scaleExp the exponent {@code s}, in [-200, 200]
     * @param maxPos the largest integer {@code 2^(w-1) - 1}
     * @param blockScaled true for a finite block scaled by its own maximum: then every {@code |x| *
     *     2^s} is below {@code 2^23} and no NaN or infinity occurs, which the vector kernel
     *     exploits
     * @param rounding the rounding mode
     * @param key the generator key
     * @param counts statistics to add to, or null
     * @param layout null for row-major memory, where element {@code i} draws with index {@code i};
     *     for a channels-last tensor's memory, element {@code i} draws with {@code
     *     layout.logical(i)}, its row-major index
     */
    void quantizeGrid(
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
            ChannelsLast layout);

    /**
     * Quantises {@code src}'s range into {@code buf}'s (in place when they are the same buffer) to
     * a floating-point format.
     *
     * @param src the memory read
     * @param buf the memory written, same layout
     * @param from first element
     * @param to end element (exclusive)
     * @param plan the format's constants
     * @param key the generator key
     * @param counts statistics to add to, or null
     */
    void quantizeFloat(
            ByteBuffer src,
            ByteBuffer buf,
            int from,
            int to,
            FloatPlan plan,
            long key,
            long[] counts);
}
