/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * FP32 itself: the identity format, used as the last rung of a precision ladder (MuPPET, Rajagopal
 * et al., ICML 2020) and wherever a site is left in full precision. Quantising to it changes no
 * bit.
 */
public enum FullPrecision implements NumberFormat {
    /** IEEE binary32, the storage format of every simulated format. */
    FP32;

    @Override
    public int bits() {
        return 32;
    }

    @Override
    public float maxFinite() {
        return Float.MAX_VALUE;
    }

    @Override
    public float minNormal() {
        return Float.MIN_NORMAL;
    }

    @Override
    public float minSubnormal() {
        return Float.MIN_VALUE;
    }

    @Override
    public String toString() {
        return "fp32";
    }
}
