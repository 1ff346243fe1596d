/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/**
 * What one site's quantisation of one tensor role did over a whole run.
 *
 * @param site the site name (its path in the block tree); not empty
 * @param role the tensor role in lower case, e.g. {@code activation}; not empty
 * @param total values quantised; at least 0
 * @param saturated values clamped to the format's largest magnitude; at least 0
 * @param underflowed non-zero values that became zero; at least 0
 * @param nonFinite NaN or infinite values met; at least 0
 */
public record SiteStat(
        String site, String role, long total, long saturated, long underflowed, long nonFinite) {

    /** Validates the fields. */
    public SiteStat {
        if (site == null || site.isEmpty() || role == null || role.isEmpty()) {
            throw new IllegalArgumentException("site and role must not be empty");
        }
        if (total < 0 || saturated < 0 || underflowed < 0 || nonFinite < 0) {
            throw new IllegalArgumentException("counts must be at least 0");
        }
    }
}
