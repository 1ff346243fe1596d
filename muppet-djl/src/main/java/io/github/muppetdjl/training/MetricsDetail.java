/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

/**
 * How much the training listener writes into the trainer's {@code Metrics}, which keeps every value
 * it is given for the trainer's lifetime.
 */
public enum MetricsDetail {
    /** Nothing. */
    NONE,
    /**
     * One value per epoch for each statistic: per-site counts summed over the epoch, the skipped
     * steps, the loss scale at the epoch's end (the default: memory grows with epochs, not steps).
     */
    EPOCH,
    /** Every statistic of every step as well (memory grows with steps: for short diagnostics). */
    STEP
}
