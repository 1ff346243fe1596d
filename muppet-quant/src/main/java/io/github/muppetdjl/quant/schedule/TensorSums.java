/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import java.util.Arrays;

/**
 * The gradient-diversity running sums of one parameter tensor (see {@link GradientDiversity}).
 *
 * @param tensor the parameter's name
 * @param samples how many gradients were added, at least 1
 * @param s1 the sum of squared norms, at least 0 (or NaN after non-finite input)
 * @param s2 the element-wise sum, non-empty; copied in and out
 */
public record TensorSums(String tensor, int samples, double s1, double[] s2) {

    /** Validates the fields and copies the array. */
    public TensorSums {
        if (tensor == null || tensor.isEmpty()) {
            throw new IllegalArgumentException("tensor must not be empty");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        if (s1 < 0) {
            throw new IllegalArgumentException("s1 must be at least 0, got " + s1);
        }
        if (s2 == null || s2.length == 0) {
            throw new IllegalArgumentException("s2 must not be empty");
        }
        s2 = s2.clone();
    }

    /**
     * Returns a copy of the element-wise sum.
     *
     * @return the sum
     */
    @Override
    public double[] s2() {
        return s2.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSums t
                && tensor.equals(t.tensor)
                && samples == t.samples
                && Double.compare(s1, t.s1) == 0
                && Arrays.equals(s2, t.s2);
    }

    @Override
    public int hashCode() {
        return (tensor.hashCode() * 31 + samples) * 31 + Arrays.hashCode(s2);
    }

    @Override
    public String toString() {
        return "TensorSums["
                + tensor
                + ", samples="
                + samples
                + ", s1="
                + s1
                + ", n="
                + s2.length
                + "]";
    }
}
