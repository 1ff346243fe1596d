/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Simulated number formats: fixed point, block floating point and IEEE-style floating point, each
 * an immutable value that knows its limits. Values are always stored as FP32 and snapped onto the
 * format's grid; see {@code io.github.muppetdjl.quant.reference.ScalarQuantizer} for the exact
 * semantics.
 */
package io.github.muppetdjl.quant.format;
