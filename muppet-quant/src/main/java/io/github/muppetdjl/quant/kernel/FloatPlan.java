/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.Specials;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * The constants the CPU kernels need to quantise to a {@link FloatingPoint} format, derived once
 * per call.
 *
 * @param minBiasedExp the FP32 biased exponent of the format's smallest normal ({@code emin + 127})
 * @param mantissaBits the format's stored mantissa bits (grid points per binade, as a power of two)
 * @param subMantissaBits the grid bits below {@code 2^emin}: {@code mantissaBits} with subnormals,
 *     0 without (the grid there is {0, minNormal})
 * @param subScale {@code 2^-emin}, which maps the subnormal range onto {@code [0, 1)}
 * @param max the largest finite magnitude
 * @param overflowToMax whether an overflowing result becomes ±max (saturating format or toward-zero
 *     rounding) rather than ±Infinity or NaN
 * @param ieee whether the top exponent holds infinities ({@link Specials#IEEE})
 * @param saturate whether ±Infinity inputs become ±max
 * @param rounding the rounding mode
 */
record FloatPlan(
        int minBiasedExp,
        int mantissaBits,
        int subMantissaBits,
        float subScale,
        float max,
        boolean overflowToMax,
        boolean ieee,
        boolean saturate,
        Rounding rounding) {

    /**
     * Derives the plan of a format and rounding.
     *
     * @param format the format
     * @param rounding the rounding
     * @return the plan
     */
    static FloatPlan of(FloatingPoint format, Rounding rounding) {
        int emin = format.minExponent();
        return new FloatPlan(
                emin + 127,
                format.mantissaBits(),
                format.subnormals() ? format.mantissaBits() : 0,
                Math.scalb(1f, -emin),
                format.maxFinite(),
                format.saturate() || rounding == Rounding.TOWARD_ZERO,
                format.specials() == Specials.IEEE,
                format.saturate(),
                rounding);
    }
}
