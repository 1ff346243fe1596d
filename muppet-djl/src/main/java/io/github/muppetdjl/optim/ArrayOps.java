/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.rounding.CounterRng;

import java.nio.charset.StandardCharsets;

/** Small array operations the optimizers share. */
final class ArrayOps {

    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

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

    /**
     * Returns the generator site id of one role of one parameter: a 64-bit FNV-1a hash of the
     * parameter id's UTF-8 bytes, mixed with the role. Stable across runs and JVMs (unlike {@code
     * String.hashCode} it is specified here), so a seed replays the same rounding.
     */
    static long siteId(String parameterId, TensorRole role) {
        long h = FNV_OFFSET;
        for (byte b : parameterId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return CounterRng.mix64(h + role.ordinal());
    }

    /**
     * Returns the generator key of one role of one parameter at one step.
     *
     * @param seed the run's seed
     * @param step the step
     * @param parameterId the parameter id
     * @param role the role
     * @param slot distinguishes several tensors of one role (Adam's m and v), from 0
     */
    static long key(long seed, long step, String parameterId, TensorRole role, int slot) {
        return CounterRng.key(seed, step, siteId(parameterId, role) + slot);
    }
}
