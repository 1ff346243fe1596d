/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

/** The role a tensor plays in training; each role of each site has its own precision. */
public enum TensorRole {
    /** A layer's weights as used in the forward pass. */
    WEIGHT,
    /** A block's forward output. */
    ACTIVATION,
    /** The gradient flowing backward into a block's output. */
    ERROR,
    /** The gradient of a parameter. */
    WEIGHT_GRADIENT,
    /** Optimizer state: momentum, Adam's m and v. */
    OPTIMIZER_STATE,
    /** The high-precision copy of the weights the optimizer updates. */
    MASTER_WEIGHT
}
