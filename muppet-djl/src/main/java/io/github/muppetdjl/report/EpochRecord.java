/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/**
 * What one epoch of a run did. Values that were not measured are NaN and are written as JSON {@code
 * null}.
 *
 * @param epoch the 0-based epoch; at least 0
 * @param precision the precision the epoch trained at, in its one-line text form (e.g. {@code
 *     bfp(8)/stochastic}, {@code fp32}, or a policy name such as {@code fp8-mellempudi}); not empty
 * @param trainLoss the mean training loss (unscaled); NaN if not measured
 * @param testAccuracy the test accuracy after the epoch, in [0, 1]; NaN if not measured
 * @param seconds the epoch's wall-clock time; at least 0, or NaN
 * @param lossScale the loss scale at the end of the epoch; above 0, or NaN without loss scaling
 * @param diversity MuPPET's gradient diversity {@code D} if a check ran after this epoch, else NaN
 * @param threshold MuPPET's {@code T(e)} if a check ran after this epoch, else NaN
 */
public record EpochRecord(
        int epoch,
        String precision,
        double trainLoss,
        double testAccuracy,
        double seconds,
        double lossScale,
        double diversity,
        double threshold) {

    /** Validates the fields. */
    public EpochRecord {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
        }
        if (precision == null || precision.isEmpty()) {
            throw new IllegalArgumentException("precision must not be empty");
        }
        if (testAccuracy < 0 || testAccuracy > 1) {
            throw new IllegalArgumentException(
                    "testAccuracy must be in [0, 1] or NaN, got " + testAccuracy);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be at least 0 or NaN, got " + seconds);
        }
        if (lossScale <= 0) {
            throw new IllegalArgumentException(
                    "lossScale must be above 0 or NaN, got " + lossScale);
        }
        if (diversity < 0) {
            throw new IllegalArgumentException(
                    "diversity must be at least 0 or NaN, got " + diversity);
        }
    }

    /**
     * Returns an epoch record without MuPPET check values.
     *
     * @param epoch the 0-based epoch
     * @param precision the precision's text form
     * @param trainLoss the mean training loss
     * @param testAccuracy the test accuracy in [0, 1]
     * @param seconds the wall-clock time
     * @param lossScale the loss scale, or NaN
     * @return the record, with NaN diversity and threshold
     */
    public static EpochRecord of(
            int epoch,
            String precision,
            double trainLoss,
            double testAccuracy,
            double seconds,
            double lossScale) {
        return new EpochRecord(
                epoch,
                precision,
                trainLoss,
                testAccuracy,
                seconds,
                lossScale,
                Double.NaN,
                Double.NaN);
    }

    /**
     * Returns whether a MuPPET check ran after this epoch.
     *
     * @return true when the diversity is a number
     */
    public boolean hasCheck() {
        return !Double.isNaN(diversity);
    }
}
