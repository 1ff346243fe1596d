/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The quantiser vocabulary, shared by the reference and the kernels: {@link
 * io.github.muppetdjl.quant.quantizer.Precision} (a format and a rounding), the {@link
 * io.github.muppetdjl.quant.quantizer.TensorQuantizer} contract over DJL NDArrays, what a
 * quantisation reports ({@link io.github.muppetdjl.quant.quantizer.QuantStats}, {@link
 * io.github.muppetdjl.quant.quantizer.StatsAccumulator}) and how a tensor is cut into blocks
 * ({@link io.github.muppetdjl.quant.quantizer.BlockLayout}).
 *
 * <p>This package depends only on {@code format} and {@code rounding}. The scalar reference ({@code
 * reference}) and the implementations ({@code kernel}) depend on it, never the other way.
 */
package io.github.muppetdjl.quant.quantizer;
