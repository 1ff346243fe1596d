/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/** What the top exponent of a {@link FloatingPoint} format encodes. */
public enum Specials {
    /**
     * IEEE 754: the top exponent holds ±Infinity and NaN (FP16, BF16, FP8 E5M2). Overflow under
     * nearest or stochastic rounding gives ±Infinity unless the format saturates.
     */
    IEEE,
    /**
     * "Finite, NaN only" (OCP FP8 E4M3): no infinities, only the all-ones pattern {@code
     * S.1..1.1..1} is NaN, so the top binade keeps all mantissas but the last. A value that rounds
     * beyond the largest finite becomes NaN unless the format saturates.
     */
    FN
}
