/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The tensor quantisers: {@link io.github.muppetdjl.quant.kernel.NDArrayQuantizer}, built from
 * NDArray operations, which runs on any device, and {@link
 * io.github.muppetdjl.quant.kernel.CpuFastQuantizer}, which rewrites CPU tensor memory in one
 * multi-threaded pass (Java Vector API when {@code jdk.incubator.vector} is enabled, a scalar loop
 * otherwise) and hands other arrays to the former. {@link
 * io.github.muppetdjl.quant.kernel.Quantizers} picks one; {@link
 * io.github.muppetdjl.quant.kernel.FiniteScan} reuses the fast path's memory access for the
 * overflow check of loss scaling.
 *
 * <p>Both paths implement {@link io.github.muppetdjl.quant.quantizer.TensorQuantizer} and agree
 * with {@link io.github.muppetdjl.quant.reference.ScalarQuantizer} bit for bit (tested); the
 * reference is the definition, and a path that disagrees with it is wrong. Everything else here is
 * package-private: the kernels' plans, staging, block passes and worker threads.
 */
package io.github.muppetdjl.quant.kernel;
