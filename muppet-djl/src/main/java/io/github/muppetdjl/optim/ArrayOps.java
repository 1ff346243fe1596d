/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Small array operations the optimizers share. */
final class ArrayOps {

    private static final NDIndex FULL = new NDIndex("...");

    private ArrayOps() {}

    /**
     * Sets the gradient of {@code weight} to zero, NaN and infinities included (multiplying by zero
     * would keep them). DJL's PyTorch optimizers do this after their update; a wrapper that writes
     * the weight itself must do it too or gradients accumulate across steps.
     */
    static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
            return;
        }
        if (!weight.hasGradient()) {
            return;
        }
        try (NDArray gradient = weight.getGradient();
                NDArray zeros = gradient.zerosLike()) {
            zeros.copyTo(gradient);
        }
    }

    /**
     * Copies {@code source}'s values into {@code target} in place (same shape and type), on the
     * arrays' device: a full-slice assignment ({@code copy_} on PyTorch), so the target keeps its
     * storage, autograd identity and gradient, and nothing goes through the heap. Bits are copied
     * exactly, NaN payloads and signed zeros included.
     */
    static void copyInto(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())
                || source.getDataType() != target.getDataType()) {
            throw new IllegalArgumentException(
                    "cannot copy "
                            + source.getShape()
                            + " "
                            + source.getDataType()
                            + " into "
                            + target.getShape()
                            + " "
                            + target.getDataType());
        }
        if (target.getShape().dimension() == 0) {
            // A full slice needs at least one axis; scalars are tiny, so the heap round trip is
            // fine.
            source.copyTo(target);
            return;
        }
        target.set(FULL, source);
    }
}
