/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

/** The three products of a conv or dense layer (docs/algorithms.md §6.4). */
public enum Gemm {
    /** {@code y = x · w}: reduces over input channels (and the kernel window). */
    FORWARD,
    /** {@code dx = e · wᵀ}: reduces over output channels (and the kernel window). */
    BACKWARD_DATA,
    /** {@code dw = xᵀ · e}: reduces over the batch (and the output positions). */
    BACKWARD_WEIGHTS
}
