/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Quantisers over DJL NDArrays: a path built from NDArray operations that runs on any device, and a
 * CPU fast path that rewrites tensor memory in one multi-threaded pass (Java Vector API when {@code
 * jdk.incubator.vector} is enabled). Both agree with the scalar reference bit for bit.
 */
package io.github.muppetdjl.quant.quantizer;
