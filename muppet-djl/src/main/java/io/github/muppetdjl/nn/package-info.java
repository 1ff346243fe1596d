/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Quantised blocks: {@link io.github.muppetdjl.nn.QuantizationSite} (activation forward, error
 * backward) and the layers {@link io.github.muppetdjl.nn.QuantizedLinear}, {@link
 * io.github.muppetdjl.nn.QuantizedConv1d} and {@link io.github.muppetdjl.nn.QuantizedConv2d}, which
 * subclass DJL's layers so that parameter files load in both directions.
 */
package io.github.muppetdjl.nn;
