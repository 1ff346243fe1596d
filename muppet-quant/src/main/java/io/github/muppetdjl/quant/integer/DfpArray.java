/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import ai.djl.ndarray.NDArray;

/**
 * A tensor in {@link Dfp} form on the engine: the integer mantissas held exactly in a FLOAT64 array
 * (FP64 holds every integer below 2^53, and every sum of INT16 products the emulation forms stays
 * below that), and the shared exponent; element {@code i} is {@code mantissas[i] · 2^-exponent}.
 *
 * @param mantissas the integers, FLOAT64, in the tensor's shape
 * @param exponent the shared exponent {@code s}
 */
public record DfpArray(NDArray mantissas, int exponent) {

    /** Validates the fields. */
    public DfpArray {
        if (mantissas == null) {
            throw new IllegalArgumentException("mantissas must not be null");
        }
    }
}
