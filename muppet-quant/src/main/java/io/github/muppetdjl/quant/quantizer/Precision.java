/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import io.github.muppetdjl.quant.format.FullPrecision;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * What a tensor is quantised to: a format and a rounding mode (QPyTorch's vocabulary: a quantiser
 * is format × rounding). Its text form is {@code format/rounding}, e.g. {@code bfp(8)/stochastic}.
 *
 * @param format the number format
 * @param rounding the rounding mode
 */
public record Precision(NumberFormat format, Rounding rounding) {

    /** Full precision: quantisation is the identity. */
    public static final Precision FP32 = new Precision(FullPrecision.FP32, Rounding.NEAREST_EVEN);

    /** Validates the fields. */
    public Precision {
        if (format == null || rounding == null) {
            throw new IllegalArgumentException("format and rounding must not be null");
        }
    }

    /**
     * Parses {@code format/rounding} (rounding defaults to nearest), e.g. {@code fp8-e5m2/nearest}.
     *
     * @param text the text form
     * @return the precision
     * @throws IllegalArgumentException if either part is invalid
     */
    public static Precision parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return new Precision(NumberFormat.parse(text), Rounding.NEAREST_EVEN);
        }
        return new Precision(
                NumberFormat.parse(text.substring(0, slash)),
                Rounding.parse(text.substring(slash + 1)));
    }

    /**
     * Returns whether quantising to this precision changes nothing.
     *
     * @return true for FP32
     */
    public boolean isIdentity() {
        return format == FullPrecision.FP32;
    }

    @Override
    public String toString() {
        return isIdentity() ? "fp32" : format + "/" + rounding.shortName();
    }
}
