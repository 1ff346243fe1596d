/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.Precision;

/**
 * The hardware arithmetic a matrix product runs on, which sets its throughput in a {@link
 * ThroughputTable}.
 *
 * <p>One operand maps to a class by its format ({@link #of(Precision)}):
 *
 * <ul>
 *   <li>integer-like formats (block floating point, whose elements are integers under one shared
 *       power-of-two scale, and fixed point): word {@code w <= 8} is {@link #INT8}, {@code 8 < w <=
 *       16} is {@link #INT16}, wider words have no integer path and run as {@link #FP32};
 *   <li>floating point: up to 8 bits is {@link #FP8}, up to 16 bits (FP16, BF16) is {@link #FP16},
 *       TF32 (e8m10, 19 bits) is {@link #TF32}, anything wider is {@link #FP32};
 *   <li>FP32 (no quantisation) is {@link #FP32}.
 * </ul>
 *
 * <p>A product of two operands ({@link #of(Precision, Precision)}) runs on the narrowest class that
 * holds both exactly: two integer classes give the wider one; two float classes the wider one; an
 * integer with a float first widens the integer to the float class whose significand holds it
 * exactly (INT8 to FP16, with its 11-bit significand; INT16 to FP32, as TF32's 11 bits do not
 * suffice), then takes the wider of the two.
 */
public enum ComputeClass {
    /** 8-bit integer products, 32-bit accumulation (tensor cores / DP4A). */
    INT8,
    /** 16-bit integer products; no GPU has them natively, see {@link ThroughputTable}. */
    INT16,
    /** FP8 (E4M3/E5M2) tensor-core products. */
    FP8,
    /** FP16 or BF16 tensor-core products with FP32 accumulation. */
    FP16,
    /** TF32 tensor-core products. */
    TF32,
    /** Plain FP32 arithmetic (CUDA cores, no tensor cores). */
    FP32;

    /**
     * Returns the class of one operand's format.
     *
     * @param precision the operand's precision
     * @return its class
     */
    public static ComputeClass of(Precision precision) {
        if (precision.isIdentity()) {
            return FP32;
        }
        NumberFormat format = precision.format();
        int w = format.bits();
        if (format instanceof BlockFloatingPoint
                || format instanceof FixedPoint
                || format instanceof RangeLinear) {
            return w <= 8 ? INT8 : w <= 16 ? INT16 : FP32;
        }
        if (format instanceof FloatingPoint) {
            return w <= 8 ? FP8 : w <= 16 ? FP16 : w <= 19 ? TF32 : FP32;
        }
        return FP32;
    }

    /**
     * Returns the class a product of two operands runs on (see the class comment).
     *
     * @param a the first operand's precision
     * @param b the second operand's precision
     * @return the class
     */
    public static ComputeClass of(Precision a, Precision b) {
        ComputeClass ca = of(a);
        ComputeClass cb = of(b);
        if (ca.isInteger() && cb.isInteger()) {
            return ca == INT8 && cb == INT8 ? INT8 : INT16;
        }
        ComputeClass fa = ca.asFloat();
        ComputeClass fb = cb.asFloat();
        return fa.ordinal() >= fb.ordinal() ? fa : fb;
    }

    /**
     * Returns whether this is an integer class.
     *
     * @return true for {@link #INT8} and {@link #INT16}
     */
    public boolean isInteger() {
        return this == INT8 || this == INT16;
    }

    private ComputeClass asFloat() {
        return switch (this) {
            case INT8 -> FP16;
            case INT16 -> FP32;
            default -> this;
        };
    }
}
