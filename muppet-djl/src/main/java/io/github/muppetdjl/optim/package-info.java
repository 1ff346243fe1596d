/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Optimizers for quantised training: {@link io.github.muppetdjl.optim.QuantizedOptimizer}, a
 * decorator around any DJL {@link ai.djl.training.optimizer.Optimizer} that keeps master weights
 * and quantises gradients and weights (QPyTorch's {@code OptimLP}; Micikevicius et al., "Mixed
 * Precision Training", ICLR 2018), and {@link io.github.muppetdjl.optim.QuantizedSgd} / {@link
 * io.github.muppetdjl.optim.QuantizedAdam}, whose state (momentum, m, v) can itself be quantised
 * because DJL keeps its optimizers' state private.
 */
package io.github.muppetdjl.optim;
