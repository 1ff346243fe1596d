/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

/**
 * The sizes of a two-dimensional convolution without groups, as the scalar reference {@link
 * ConvReference} walks it (a one-dimensional one has {@code h = kh = outH = 1}, stride and dilation
 * 1 and padding 0 along the first axis). Input {@code n × c × h × w}, weight {@code o × c × kh ×
 * kw}, output {@code n × o × outH × outW}.
 *
 * @param n batch
 * @param c input channels
 * @param h input height
 * @param w input width
 * @param o output channels
 * @param kh kernel height
 * @param kw kernel width
 * @param sh stride along the height
 * @param sw stride along the width
 * @param ph padding along the height
 * @param pw padding along the width
 * @param dh dilation along the height
 * @param dw dilation along the width
 */
public record ConvShape(
        int n,
        int c,
        int h,
        int w,
        int o,
        int kh,
        int kw,
        int sh,
        int sw,
        int ph,
        int pw,
        int dh,
        int dw) {

    /** Validates the fields. */
    public ConvShape {
        if (n < 1 || c < 1 || h < 1 || w < 1 || o < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (sh < 1 || sw < 1 || dh < 1 || dw < 1 || ph < 0 || pw < 0) {
            throw new IllegalArgumentException("strides and dilations >= 1, padding >= 0");
        }
        // Fields are not assigned yet in a compact constructor, so the sizes are computed here.
        if (h + 2 * ph - dh * (kh - 1) - 1 < 0 || w + 2 * pw - dw * (kw - 1) - 1 < 0) {
            throw new IllegalArgumentException("the kernel does not fit the padded input");
        }
    }

    /**
     * Returns the output height.
     *
     * @return {@code (h + 2ph - dh(kh-1) - 1) / sh + 1}
     */
    public int outH() {
        return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
    }

    /**
     * Returns the output width.
     *
     * @return {@code (w + 2pw - dw(kw-1) - 1) / sw + 1}
     */
    public int outW() {
        return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
    }
}
