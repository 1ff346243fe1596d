/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

/**
 * A tensor in {@link Dfp} form, as the scalar reference holds it: row-major integer mantissas and
 * the shared exponent; element {@code i} is {@code mantissas[i] · 2^-exponent}.
 *
 * @param mantissas the integers, each within {@code ±Dfp.maxMantissa(shift)}
 * @param exponent the shared exponent {@code s}
 */
public record DfpTensor(int[] mantissas, int exponent) {

    /** Validates the fields. */
    public DfpTensor {
        if (mantissas == null) {
            throw new IllegalArgumentException("mantissas must not be null");
        }
    }

    /**
     * Returns the value of one element.
     *
     * @param i the row-major index
     * @return {@code mantissas[i] · 2^-exponent} in FP32 (exact)
     */
    public float value(int i) {
        return (float) Math.scalb((double) mantissas[i], -exponent);
    }
}
