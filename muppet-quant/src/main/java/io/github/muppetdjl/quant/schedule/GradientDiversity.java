/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running sums for gradient diversity (Yin et al., AISTATS 2018), as MuPPET uses it (Rajagopal et
 * al., ICML 2020; docs/algorithms.md §6.1). For each parameter tensor {@code l}, every accumulated
 * gradient {@code g} adds {@code S1_l += ||g||^2} and {@code S2_l += g} (element-wise); then
 *
 * <pre>
 *     D_l = S1_l / ||S2_l||^2,        D = mean over l of D_l.
 * </pre>
 *
 * <p>{@code D} lies in {@code [1/n, ∞)} for {@code n} gradients per tensor: {@code 1/n} when they
 * are identical, 1 when they are orthogonal. It is invariant to scaling every gradient by the same
 * factor, so loss-scaled gradients give the same value as unscaled ones.
 *
 * <p>Our choices where the paper is silent: sums are kept in double precision; a tensor whose
 * {@code S1} is 0 (only zero gradients) is left out of the mean, since its direction is undefined;
 * {@code D_l} is {@code +∞} when {@code S1 > 0} but the gradients cancel exactly; non-finite
 * gradient values propagate, so {@link #diversity()} is NaN and a controller can skip that check.
 * With no usable tensor {@link #diversity()} is NaN.
 *
 * <p>Thread-safe (all methods synchronized).
 */
public final class GradientDiversity {

    private final Map<String, double[]> s2 = new LinkedHashMap<>();
    private final Map<String, double[]> s1AndCount = new LinkedHashMap<>();

    /** Creates an empty accumulator. */
    public GradientDiversity() {}

    /**
     * Adds one gradient of one parameter tensor.
     *
     * @param tensor the parameter's stable name
     * @param gradient the gradient, flattened; the same length every time for the same tensor
     * @throws IllegalArgumentException on a null or empty name or gradient, or a length change
     */
    public synchronized void accumulate(String tensor, float[] gradient) {
        if (tensor == null || tensor.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        if (gradient == null || gradient.length == 0) {
            throw new IllegalArgumentException("gradient of " + tensor + " must not be empty");
        }
        double[] sum = s2.get(tensor);
        if (sum == null) {
            sum = new double[gradient.length];
            s2.put(tensor, sum);
            s1AndCount.put(tensor, new double[2]);
        } else if (sum.length != gradient.length) {
            throw new IllegalArgumentException(
                    "gradient of "
                            + tensor
                            + " must have "
                            + sum.length
                            + " elements, got "
                            + gradient.length);
        }
        double sq = 0;
        for (int i = 0; i < gradient.length; i++) {
            double g = gradient[i];
            sq += g * g;
            sum[i] += g;
        }
        double[] s1 = s1AndCount.get(tensor);
        s1[0] += sq;
        s1[1] += 1;
    }

    /**
     * Returns {@code D}, the mean of {@code D_l} over the tensors with a non-zero {@code S1}.
     *
     * @return the diversity, NaN if no tensor has a non-zero gradient or any value is non-finite
     */
    public synchronized double diversity() {
        double total = 0;
        int used = 0;
        for (String tensor : s2.keySet()) {
            double s1 = s1AndCount.get(tensor)[0];
            if (s1 == 0) {
                continue;
            }
            total += tensorDiversity(tensor);
            used++;
        }
        return used == 0 ? Double.NaN : total / used;
    }

    /**
     * Returns {@code D_l} of one tensor.
     *
     * @param tensor the parameter's name
     * @return the diversity; NaN if the tensor is unknown or all its gradients were zero
     */
    public synchronized double diversity(String tensor) {
        return s2.containsKey(tensor) ? tensorDiversity(tensor) : Double.NaN;
    }

    private double tensorDiversity(String tensor) {
        double s1 = s1AndCount.get(tensor)[0];
        double norm2 = 0;
        for (double v : s2.get(tensor)) {
            norm2 += v * v;
        }
        if (s1 == 0) {
            return Double.NaN;
        }
        return norm2 == 0 ? Double.POSITIVE_INFINITY : s1 / norm2;
    }

    /**
     * Returns the diversity of one tensor's gradients in one go.
     *
     * @param gradients the gradients, all the same length
     * @return {@code D_l}
     */
    public static double of(List<float[]> gradients) {
        GradientDiversity d = new GradientDiversity();
        gradients.forEach(g -> d.accumulate("tensor", g));
        return d.diversity("tensor");
    }

    /**
     * Returns how many gradients have been accumulated for a tensor.
     *
     * @param tensor the parameter's name
     * @return the count, 0 if unknown
     */
    public synchronized int samples(String tensor) {
        double[] s = s1AndCount.get(tensor);
        return s == null ? 0 : (int) s[1];
    }

    /**
     * Returns the number of tensors with accumulated gradients.
     *
     * @return the count
     */
    public synchronized int tensorCount() {
        return s2.size();
    }

    /** Forgets every sum. */
    public synchronized void reset() {
        s2.clear();
        s1AndCount.clear();
    }

    /**
     * Returns a copy of the sums, in the order tensors were first seen.
     *
     * @return the sums
     */
    public synchronized List<TensorSums> snapshot() {
        List<TensorSums> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : s2.entrySet()) {
            double[] s1 = s1AndCount.get(e.getKey());
            out.add(new TensorSums(e.getKey(), (int) s1[1], s1[0], e.getValue()));
        }
        return List.copyOf(out);
    }

    /**
     * Replaces every sum with a snapshot.
     *
     * @param sums the sums, as returned by {@link #snapshot()}
     */
    public synchronized void restore(List<TensorSums> sums) {
        Map<String, double[]> newS2 = new LinkedHashMap<>();
        Map<String, double[]> newS1 = new LinkedHashMap<>();
        for (TensorSums t : sums) {
            if (newS2.put(t.tensor(), t.s2()) != null) {
                throw new IllegalArgumentException("duplicate tensor " + t.tensor());
            }
            newS1.put(t.tensor(), new double[] {t.s1(), t.samples()});
        }
        s2.clear();
        s2.putAll(newS2);
        s1AndCount.clear();
        s1AndCount.putAll(newS1);
    }
}
