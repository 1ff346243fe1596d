/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Integer DFP16 arithmetic after Das et al. (ICLR 2018), docs/algorithms.md §6.4: tensors as 16-bit
 * integer mantissas with one shared exponent ({@link io.github.muppetdjl.quant.integer.Dfp}), and
 * products of two such tensors summed in INT32 over bounded chunks of the reduction, each chunk
 * flushed into an FP32 sum ({@link io.github.muppetdjl.quant.integer.IntegerArithmetic}). {@link
 * io.github.muppetdjl.quant.integer.DfpReference} and {@link
 * io.github.muppetdjl.quant.integer.ConvReference} do the integer arithmetic literally, one product
 * at a time; {@link io.github.muppetdjl.quant.integer.ChunkedGemm} emulates it on the engine and
 * equals them bit for bit.
 */
package io.github.muppetdjl.quant.integer;
