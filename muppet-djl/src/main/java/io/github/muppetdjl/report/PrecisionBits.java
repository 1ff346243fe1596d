/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import io.github.muppetdjl.quant.cost.OperandPrecisions;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bit width from the precision text of an {@link EpochRecord}, for the precision timeline.
 */
public final class PrecisionBits {

    // A policy name such as bfp8, dfp16, fp8-mellempudi or int8: the first width after a family.
    private static final Pattern NAMED = Pattern.compile("(?:bfp|fp|int|fixed)\\(?(\\d{1,2})");

    private PrecisionBits() {}

    /**
     * Returns the bits per value a precision text stands for.
     *
     * <ol>
     *   <li>a {@link Precision#parse precision} text ({@code bfp(8)/stochastic}, {@code fp16},
     *       {@code fp32}, ...) gives {@link OperandPrecisions#bits};
     *   <li>otherwise a policy name gives the first width after {@code bfp}, {@code fp}, {@code
     *       int} or {@code fixed} ({@code bfp12} is 12, {@code fp8-mellempudi} is 8, {@code dfp16}
     *       is 16);
     *   <li>otherwise NaN: the epoch is left out of the timeline.
     * </ol>
     *
     * @param precision the text
     * @return the width in bits, or NaN
     */
    public static double of(String precision) {
        if (precision == null) {
            return Double.NaN;
        }
        try {
            return OperandPrecisions.bits(Precision.parse(precision.trim()));
        } catch (IllegalArgumentException e) {
            // Not a precision: try a policy name below.
        }
        Matcher m = NAMED.matcher(precision.toLowerCase(java.util.Locale.ROOT));
        if (m.find()) {
            int bits = Integer.parseInt(m.group(1));
            return bits >= 1 && bits <= 32 ? bits : Double.NaN;
        }
        return Double.NaN;
    }
}
