/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

import java.util.Locale;

/** How a value between two grid points is resolved. */
public enum Rounding {
    /** To the nearest grid point; exact ties go to the neighbour with an even integer mantissa. */
    NEAREST_EVEN,
    /**
     * Up in magnitude with probability (distance to the lower neighbour) / step, using 24 random
     * bits per element from {@link CounterRng}: the element rounds up iff {@code u < frac * 2^24}
     * for a uniform integer {@code u} in {@code [0, 2^24)}. Our choice, documented as the contract
     * leaves the resolution open: the probability is {@code ceil(frac * 2^24) / 2^24}, so rounding
     * is exactly unbiased whenever the distance is a multiple of {@code 2^-24} steps (every value
     * whose magnitude is at least half a step, and every representable upper neighbour there) and
     * biased by less than {@code 2^-24} steps otherwise (Gupta et al., ICML 2015).
     */
    STOCHASTIC,
    /** Truncation: the neighbour nearer to zero. */
    TOWARD_ZERO;

    /**
     * Parses {@code nearest}, {@code stochastic} or {@code zero} (or the constant names).
     *
     * @param text the rounding name
     * @return the rounding
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Rounding parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nearest", "nearest_even", "nearest-even" -> NEAREST_EVEN;
            case "stochastic" -> STOCHASTIC;
            case "zero", "toward_zero", "toward-zero" -> TOWARD_ZERO;
            default ->
                    throw new IllegalArgumentException(
                            "unknown rounding '"
                                    + text
                                    + "'; expected nearest, stochastic or zero");
        };
    }

    /**
     * Returns the short name used in logs and on the command line.
     *
     * @return {@code nearest}, {@code stochastic} or {@code zero}
     */
    public String shortName() {
        return switch (this) {
            case NEAREST_EVEN -> "nearest";
            case STOCHASTIC -> "stochastic";
            case TOWARD_ZERO -> "zero";
        };
    }
}
