/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.integer.DfpArray;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;

/** A layer's three products in integer arithmetic, and its FP32 twin (docs/algorithms.md §6.4). */
interface IntegerProduct {

    /** {@code y = x · w}, FP32, without bias. */
    NDArray forward(DfpArray x, DfpArray w, IntegerArithmetic spec, long[] tally);

    /** {@code dx = e · wᵀ}, FP32, in {@code inputShape}. */
    NDArray backwardData(
            DfpArray e, DfpArray w, Shape inputShape, IntegerArithmetic spec, long[] tally);

    /** {@code dw = xᵀ · e}, FP32, in {@code weightShape}. */
    NDArray backwardWeights(
            DfpArray x, DfpArray e, Shape weightShape, IntegerArithmetic spec, long[] tally);

    /** Adds the bias to a product's output, broadcast over everything but the output channels. */
    NDArray addBias(NDArray y, NDArray bias);

    /** The same layer in FP32 on the engine, bias included (the straight-through fallback). */
    NDArray plain(NDArray x, NDArray w, NDArray bias);
}
