/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.ArrayList;
import java.util.List;

/**
 * MuPPET's check values of one run, rebuilt from its epochs and switches (docs/algorithms.md §6.1):
 * at each check epoch the diversity {@code D}, the threshold {@code T(e)} and the ratio {@code p =
 * maxD / D}, where {@code maxD} is the largest diversity since the last switch before this check
 * (NaN at the first check of a level, where {@code maxD} is still 0, and wherever {@code D >=
 * maxD}, a new maximum that section 5.1 never compares). A violation is {@code p > T(e)}.
 *
 * @param epochs the check epochs
 * @param diversity {@code D} per check
 * @param threshold {@code T(e)} per check
 * @param ratio {@code p} per check, NaN where undefined
 */
record DiversityTrace(double[] epochs, double[] diversity, double[] threshold, double[] ratio) {

    /**
     * Rebuilds the trace of a run; empty if the run had no check.
     *
     * @param run the run
     * @return the trace
     */
    public static DiversityTrace of(RunRecord run) {
        List<EpochRecord> checks = new ArrayList<>();
        for (EpochRecord e : run.epochs()) {
            if (e.hasCheck()) {
                checks.add(e);
            }
        }
        int n = checks.size();
        double[] ep = new double[n];
        double[] d = new double[n];
        double[] t = new double[n];
        double[] p = new double[n];
        double maxD = 0;
        int lastEpoch = -1;
        for (int i = 0; i < n; i++) {
            EpochRecord c = checks.get(i);
            for (SwitchRecord s : run.switches()) {
                // A switch decided after an earlier check took effect before this one: new level.
                if (s.epoch() > lastEpoch && s.epoch() <= c.epoch()) {
                    maxD = 0;
                }
            }
            ep[i] = c.epoch();
            d[i] = c.diversity();
            t[i] = c.threshold();
            // Section 5.1 forms p only when D falls below maxD; a new maximum is never compared.
            p[i] = maxD > 0 && c.diversity() < maxD ? maxD / c.diversity() : Double.NaN;
            if (c.diversity() > maxD) {
                maxD = c.diversity();
            }
            lastEpoch = c.epoch();
        }
        return new DiversityTrace(ep, d, t, p);
    }

    /**
     * Returns the number of checks.
     *
     * @return the length of every array
     */
    public int size() {
        return epochs.length;
    }
}
