/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/** Overflow checks on gradients, computed on the arrays' device. */
public final class GradientChecks {

    private GradientChecks() {}

    /**
     * Returns whether any gradient holds a NaN or an infinity.
     *
     * <p>Per array it takes the maximum and the minimum (reductions that propagate NaN and expose
     * {@code +Infinity} and {@code -Infinity}), multiplies the stacked extremes by zero (a finite
     * value gives 0, a NaN or an infinity gives NaN) and sums them: one small vector and a single
     * scalar copied to the host, no per-element copies. Empty arrays are ignored. All temporaries
     * are closed.
     *
     * @param gradients the gradients, on one device
     * @return {@code true} if any element is NaN or infinite
     */
    public static boolean anyNonFinite(Iterable<NDArray> gradients) {
        NDList extremes = new NDList();
        try {
            for (NDArray g : gradients) {
                if (g == null || g.isEmpty()) {
                    continue;
                }
                extremes.add(g.max());
                extremes.add(g.min());
            }
            if (extremes.isEmpty()) {
                return false;
            }
            try (NDArray stacked = NDArrays.stack(extremes);
                    NDArray zeroed = stacked.mul(0f);
                    NDArray sum = zeroed.sum()) {
                return Float.isNaN(sum.getFloat());
            }
        } finally {
            extremes.close();
        }
    }

    /**
     * Returns whether any parameter's gradient holds a NaN or an infinity. Parameters that do not
     * require gradients, or have none yet, are skipped.
     *
     * @param parameters the parameters, e.g. {@code model.getBlock().getParameters()}
     * @return {@code true} if any gradient element is NaN or infinite
     */
    public static boolean anyNonFinite(ParameterList parameters) {
        List<NDArray> grads = new ArrayList<>();
        try {
            for (Pair<String, Parameter> p : parameters) {
                Parameter parameter = p.getValue();
                if (!parameter.requiresGradient() || !parameter.isInitialized()) {
                    continue;
                }
                NDArray array = parameter.getArray();
                if (array.hasGradient()) {
                    grads.add(array.getGradient());
                }
            }
            return anyNonFinite(grads);
        } finally {
            // The handles returned by getGradient() are fresh references to the gradient storage;
            // closing them frees the handle, not the gradient the parameter keeps.
            for (NDArray g : grads) {
                g.close();
            }
        }
    }
}
