/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.control;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.QuantStats;

/**
 * One site's (or one parameter's) quantisation of one role in one batch that saturated values or
 * met non-finite ones.
 *
 * @param step the batch's step
 * @param name the site's name, or the parameter's path for the optimizer-side roles
 * @param role the tensor role
 * @param stats the batch's counts for that site and role ({@code saturated() + nonFinite() > 0})
 */
public record OverflowEvent(long step, String name, TensorRole role, QuantStats stats) {

    /** Validates the fields. */
    public OverflowEvent {
        if (name == null || role == null || stats == null) {
            throw new IllegalArgumentException("name, role and stats must not be null");
        }
    }
}
