/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

/**
 * One MuPPET diversity check (docs/algorithms.md §6.1), kept for reports: the diversity against the
 * threshold, and what the check decided.
 *
 * @param epoch the 0-based epoch at whose end the check ran
 * @param level the ladder level trained during that epoch
 * @param diversity {@code D}; NaN if it could not be computed (the check was then skipped)
 * @param maxDiversityBefore {@code maxD} before this check; 0 if this is the first check since the
 *     last switch
 * @param ratio {@code p = maxDiversityBefore / D}; NaN when there was no earlier check or {@code D}
 *     is NaN. Only a ratio from {@code D < maxD} can count as a violation
 * @param threshold {@code T(epoch)}
 * @param violation whether this check counted a violation ({@code D < maxD} and {@code p > T})
 * @param violations the level's cumulative violation count after this check (before any reset by a
 *     switch it caused)
 * @param switched whether this check caused a switch to the next level
 */
public record DiversityCheck(
        int epoch,
        int level,
        double diversity,
        double maxDiversityBefore,
        double ratio,
        double threshold,
        boolean violation,
        int violations,
        boolean switched) {

    /** Validates the fields. */
    public DiversityCheck {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
        }
        if (level < 0) {
            throw new IllegalArgumentException("level must be at least 0, got " + level);
        }
        if (violations < 0) {
            throw new IllegalArgumentException("violations must be at least 0, got " + violations);
        }
        if (diversity < 0 || maxDiversityBefore < 0 || Double.isNaN(maxDiversityBefore)) {
            throw new IllegalArgumentException(
                    "diversity and maxDiversityBefore must be at least 0, got "
                            + diversity
                            + " and "
                            + maxDiversityBefore);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
    }
}
