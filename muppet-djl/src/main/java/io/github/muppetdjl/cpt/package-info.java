/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * CPT, cyclic precision training (Fu et al., "CPT: Efficient Deep Neural Network Training via
 * Cyclic Precision", ICLR 2021; docs/algorithms.md §6.5): {@link
 * io.github.muppetdjl.cpt.CptController} changes the forward bit-width of CPT's range-based linear
 * quantiser every step on a cosine cycle, after a precision range test that picks the lower bound;
 * {@link io.github.muppetdjl.cpt.CptConfig} holds its settings and {@link
 * io.github.muppetdjl.cpt.CptCost} the bit-operation saving it achieved.
 */
package io.github.muppetdjl.cpt;
