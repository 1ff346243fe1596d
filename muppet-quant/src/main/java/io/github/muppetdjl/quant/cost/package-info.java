/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Cost reporting (docs/algorithms.md §8): what a training run would cost on real low-precision
 * hardware, as opposed to the simulated formats it actually runs in.
 *
 * <p>A {@link io.github.muppetdjl.quant.cost.Network} lists the conv and dense layers of a model
 * ({@link io.github.muppetdjl.quant.cost.ComputeLayer}: MACs, weights, inputs and outputs per
 * sample). A {@link io.github.muppetdjl.quant.cost.CostModel} resolves the precision of every
 * operand of every layer from a {@link io.github.muppetdjl.quant.policy.PrecisionPolicy} and counts
 * multiply-accumulate bit-operations and bytes moved per sample and per epoch ({@link
 * io.github.muppetdjl.quant.cost.EpochCost}); with a {@link
 * io.github.muppetdjl.quant.cost.ThroughputTable} it projects a time per epoch and, through {@link
 * io.github.muppetdjl.quant.cost.SpeedupProjection}, the speed-up of a whole run over FP32.
 *
 * <p>Every projection is an <b>estimate</b>: the shipped tables are peak numbers from public spec
 * sheets, and the model is a per-layer roofline that ignores kernel efficiency, caches and the
 * element-wise layers. Use it to compare precisions, not to predict seconds. Pure logic: no NDArray
 * and no engine.
 */
package io.github.muppetdjl.quant.cost;
