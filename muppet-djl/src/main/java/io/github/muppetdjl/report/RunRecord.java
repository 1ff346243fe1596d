/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy's run in a race.
 *
 * @param policy the policy's name or one-line form; not empty
 * @param testAccuracy the final test accuracy in [0, 1], or NaN if not measured
 * @param wallSeconds the measured wall-clock time of the whole run; at least 0
 * @param projectedSpeedup the cost model's projected speed-up over FP32 on the report's target (an
 *     estimate, see {@link io.github.muppetdjl.quant.cost.SpeedupProjection}); above 0, or NaN
 * @param epochs the epochs in increasing order; copied
 * @param switches the precision switches in increasing epoch order; copied
 * @param details timing, status, estimates, precision per step and site statistics; {@link
 *     RunDetails#none()} when not recorded
 */
public record RunRecord(
        String policy,
        double testAccuracy,
        double wallSeconds,
        double projectedSpeedup,
        List<EpochRecord> epochs,
        List<SwitchRecord> switches,
        RunDetails details) {

    /** Validates the fields and copies the lists. */
    public RunRecord {
        if (policy == null || policy.isEmpty()) {
            throw new IllegalArgumentException("policy must not be empty");
        }
        if (testAccuracy < 0 || testAccuracy > 1) {
            throw new IllegalArgumentException(
                    "testAccuracy must be in [0, 1] or NaN, got " + testAccuracy);
        }
        if (!(wallSeconds >= 0) || Double.isInfinite(wallSeconds)) {
            throw new IllegalArgumentException(
                    "wallSeconds must be finite and at least 0, got " + wallSeconds);
        }
        if (projectedSpeedup <= 0) {
            throw new IllegalArgumentException(
                    "projectedSpeedup must be above 0 or NaN, got " + projectedSpeedup);
        }
        if (epochs == null || switches == null) {
            throw new IllegalArgumentException("epochs and switches must not be null");
        }
        if (details == null) {
            throw new IllegalArgumentException("details must not be null");
        }
        epochs = List.copyOf(epochs);
        switches = List.copyOf(switches);
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() <= epochs.get(i - 1).epoch()) {
                throw new IllegalArgumentException(
                        "epochs must be in increasing order, got epoch "
                                + epochs.get(i).epoch()
                                + " after "
                                + epochs.get(i - 1).epoch());
            }
        }
        for (int i = 1; i < switches.size(); i++) {
            if (switches.get(i).epoch() < switches.get(i - 1).epoch()) {
                throw new IllegalArgumentException("switches must be in epoch order");
            }
        }
    }

    /**
     * A record without race details ({@link RunDetails#none()}).
     *
     * @param policy the policy's name
     * @param testAccuracy the final test accuracy
     * @param wallSeconds the wall time
     * @param projectedSpeedup the projected speed-up
     * @param epochs the epochs
     * @param switches the switches
     */
    public RunRecord(
            String policy,
            double testAccuracy,
            double wallSeconds,
            double projectedSpeedup,
            List<EpochRecord> epochs,
            List<SwitchRecord> switches) {
        this(
                policy,
                testAccuracy,
                wallSeconds,
                projectedSpeedup,
                epochs,
                switches,
                RunDetails.none());
    }

    /**
     * Returns how many epochs ran at each precision, in order of first use.
     *
     * @return precision text to epoch count
     */
    public Map<String, Integer> epochsPerPrecision() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EpochRecord e : epochs) {
            counts.merge(e.precision(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Returns the epochs at which a switch took effect.
     *
     * @return switch epochs in order
     */
    public List<Integer> switchEpochs() {
        return switches.stream().map(SwitchRecord::epoch).toList();
    }
}
