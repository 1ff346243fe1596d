/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Throughput measurement of the quantisers against the memory-bound limit of an in-place NDArray
 * multiply on the same tensor, so that results are comparable across machines as ratios.
 */
package io.github.muppetdjl.quant.bench;
