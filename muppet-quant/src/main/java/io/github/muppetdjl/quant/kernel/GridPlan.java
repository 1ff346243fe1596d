/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.ScalarKernel.pow2;

import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * The constants the vector kernel needs to quantise onto the integer grid {@code I * 2^-s}, derived
 * once per call (see {@link FastKernel#quantizeGrid}).
 *
 * @param scaleExp the exponent {@code s}
 * @param up1 first factor of {@code 2^s}
 * @param up2 second factor of {@code 2^s} (1 unless {@code 2^s} is not a normal float)
 * @param down1 first factor of {@code 2^-s}
 * @param down2 second factor of {@code 2^-s}
 * @param maxPos the largest integer; the smallest is {@code -(maxPos + 1)}
 * @param blockScaled whether the range is a finite block scaled by its own maximum
 * @param rounding the rounding mode
 */
record GridPlan(
        int scaleExp,
        float up1,
        float up2,
        float down1,
        float down2,
        float maxPos,
        boolean blockScaled,
        Rounding rounding) {

    /**
     * Derives the plan of one grid.
     *
     * @param scaleExp the exponent {@code s}, in [-200, 200]
     * @param maxPos the largest integer
     * @param blockScaled whether the range is a finite block scaled by its own maximum
     * @param rounding the rounding mode
     * @return the plan
     */
    static GridPlan of(int scaleExp, float maxPos, boolean blockScaled, Rounding rounding) {
        // One factor when 2^s and 2^-s are normal floats (the usual case), else two.
        int s1 = twoFactors(scaleExp) ? scaleExp >> 1 : scaleExp;
        return new GridPlan(
                scaleExp,
                pow2(s1),
                pow2(scaleExp - s1),
                pow2(-s1),
                pow2(s1 - scaleExp),
                maxPos,
                blockScaled,
                rounding);
    }

    /**
     * Returns whether {@code 2^s} or {@code 2^-s} is not a normal float, so that scaling takes two
     * factors.
     *
     * @return true for {@code |s| > 126}
     */
    boolean twoFactors() {
        return twoFactors(scaleExp);
    }

    private static boolean twoFactors(int scaleExp) {
        return scaleExp < -126 || scaleExp > 126;
    }
}
