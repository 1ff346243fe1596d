/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.cpt;

/**
 * From step {@code step} on, the forward width was {@code bits} (until the next change): the
 * precision sawtooth of a CPT run as change points, compact enough to keep for any run length.
 *
 * @param step the first step (batches completed before it) trained at {@code bits}
 * @param bits the forward bit-width
 */
public record BitChange(long step, int bits) {}
