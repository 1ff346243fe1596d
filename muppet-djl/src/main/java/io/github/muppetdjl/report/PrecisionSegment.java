/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/**
 * A run of training steps at one precision: the precision timeline of a run is a list of these,
 * run-length encoded, so that a policy changing every step (CPT's cycles) and one changing a few
 * times (MuPPET's switches) are recorded alike.
 *
 * @param fromStep the 0-based step the segment starts at; at least 0
 * @param bits the mean forward width of the compute layers in these steps, weighted by their
 *     multiply-accumulates ({@code (b_w + b_a) / 2}, 32 for FP32); in (0, 32]
 */
public record PrecisionSegment(long fromStep, double bits) {

    /** Validates the fields. */
    public PrecisionSegment {
        if (fromStep < 0) {
            throw new IllegalArgumentException("fromStep must be at least 0, got " + fromStep);
        }
        if (!(bits > 0 && bits <= 32)) {
            throw new IllegalArgumentException("bits must be in (0, 32], got " + bits);
        }
    }
}
