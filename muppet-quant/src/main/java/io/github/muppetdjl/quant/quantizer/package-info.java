/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Quantisers over DJL NDArrays: {@link io.github.muppetdjl.quant.quantizer.NDArrayQuantizer}, built
 * from NDArray operations, which runs on any device, and {@link
 * io.github.muppetdjl.quant.quantizer.CpuFastQuantizer}, which rewrites CPU tensor memory in one
 * multi-threaded pass (Java Vector API when {@code jdk.incubator.vector} is enabled) and hands
 * other arrays to the former. Both agree with the scalar reference bit for bit; {@link
 * io.github.muppetdjl.quant.quantizer.Quantizers} picks one.
 */
package io.github.muppetdjl.quant.quantizer;
