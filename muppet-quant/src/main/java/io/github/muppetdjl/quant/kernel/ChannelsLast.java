/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

/**
 * The memory order of a channels-last tensor of logical shape {@code (N, C, S...)}: dimension 1
 * varies fastest, so memory holds {@code (N, S..., C)} row-major. The fast path quantises such a
 * tensor in memory order, keying each element's random draw by its row-major (logical) index, as
 * the reference does, so that results do not depend on the layout.
 *
 * @param channels {@code C}, the size of dimension 1
 * @param inner the product of the dimensions after 1 (the spatial size)
 */
record ChannelsLast(int channels, int inner) {

    ChannelsLast {
        if (channels < 1 || inner < 1) {
            throw new IllegalArgumentException(
                    "channels and inner must be >= 1, got " + channels + ", " + inner);
        }
    }

    /**
     * Returns the row-major index of the element at memory position {@code p}.
     *
     * @param p the position in memory order
     * @return its logical index
     */
    long logical(long p) {
        long c = p % channels;
        long q = p / channels;
        long spatial = q % inner;
        long n = q / inner;
        return (n * channels + c) * inner + spatial;
    }
}
