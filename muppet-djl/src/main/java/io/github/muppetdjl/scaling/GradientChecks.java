/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;

import io.github.muppetdjl.quant.kernel.FiniteScan;

import java.util.ArrayList;
import java.util.List;

/** Overflow checks on gradients (see {@link FiniteScan}). */
public final class GradientChecks {

    private GradientChecks() {}

    /**
     * Returns whether any gradient holds a NaN or an infinity.
     *
     * <p>See {@link FiniteScan}: CPU arrays are read in place, others go through engine reductions
     * with a single scalar copied to the host. Empty arrays are ignored. All temporaries are
     * closed.
     *
     * @param gradients the gradients, on one device
     * @return {@code true} if any element is NaN or infinite
     */
    public static boolean anyNonFinite(Iterable<NDArray> gradients) {
        return FiniteScan.anyNonFinite(gradients);
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
