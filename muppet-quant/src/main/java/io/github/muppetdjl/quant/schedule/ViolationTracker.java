/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

/**
 * The per-level decision rule of MuPPET (docs/algorithms.md §6.1; Rajagopal et al., ICML 2020):
 * tracks {@code maxD} since the last switch and the cumulative violation count, and judges one
 * check.
 *
 * <p>Not thread-safe on its own: {@link MuppetSwitchingPolicy} owns one and calls it only while
 * holding its own lock.
 */
final class ViolationTracker {

    private int violations;
    private double maxDiversity;

    /**
     * Judges one check and updates the count and {@code maxD}; a NaN diversity changes nothing.
     *
     * @param epoch the 0-based check epoch
     * @param level the level the epoch was trained at
     * @param d the diversity {@code D}, at least 0, or NaN
     * @param threshold {@code T(epoch)}
     * @param patience the violations that trigger a switch
     * @return the check; {@link DiversityCheck#switched()} tells the caller to switch and then call
     *     {@link #reset()}
     */
    DiversityCheck judge(int epoch, int level, double d, double threshold, int patience) {
        double before = maxDiversity;
        double ratio = before > 0 && !Double.isNaN(d) ? before / d : Double.NaN;
        boolean violation = false;
        if (!Double.isNaN(d)) {
            if (d >= maxDiversity) {
                maxDiversity = d;
            } else if (ratio > threshold) {
                violation = true;
                violations++;
            }
        }
        boolean switching = violations >= patience;
        return new DiversityCheck(
                epoch, level, d, before, ratio, threshold, violation, violations, switching);
    }

    /** Starts a new level: no violations, {@code maxD = 0}. */
    void reset() {
        violations = 0;
        maxDiversity = 0;
    }

    /**
     * Replaces the count and {@code maxD} (from a saved state).
     *
     * @param violations the count
     * @param maxDiversity {@code maxD}
     */
    void restore(int violations, double maxDiversity) {
        this.violations = violations;
        this.maxDiversity = maxDiversity;
    }

    /** Returns the violations counted at the current level. */
    int violations() {
        return violations;
    }

    /** Returns {@code maxD} since the last switch. */
    double maxDiversity() {
        return maxDiversity;
    }
}
