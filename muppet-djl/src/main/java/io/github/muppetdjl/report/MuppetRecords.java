/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import io.github.muppetdjl.quant.schedule.DiversityCheck;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.quant.schedule.SwitchEvent;

import java.util.List;

/**
 * Turns a {@link MuppetSwitchingPolicy}'s history into report records, so that a training loop only
 * adds its own measurements (loss, accuracy, time, loss scale).
 */
public final class MuppetRecords {

    private MuppetRecords() {}

    /**
     * Returns the policy's switches as records.
     *
     * @param policy the controller
     * @return one record per switch, epoch = the first epoch at the new level
     */
    public static List<SwitchRecord> switches(MuppetSwitchingPolicy policy) {
        return policy.switches().stream().map(MuppetRecords::toRecord).toList();
    }

    private static SwitchRecord toRecord(SwitchEvent s) {
        return new SwitchRecord(s.epoch(), s.from().toString(), s.to().toString());
    }

    /**
     * Returns the record of one epoch, with the policy's precision for that epoch and, if a check
     * ran after it, its diversity and threshold.
     *
     * @param policy the controller, after {@code onEpochEnd(epoch)}
     * @param epoch the 0-based epoch
     * @param trainLoss the mean training loss, or NaN
     * @param testAccuracy the test accuracy in [0, 1], or NaN
     * @param seconds the epoch's wall-clock time
     * @param lossScale the loss scale, or NaN without loss scaling
     * @return the record
     */
    public static EpochRecord epoch(
            MuppetSwitchingPolicy policy,
            int epoch,
            double trainLoss,
            double testAccuracy,
            double seconds,
            double lossScale) {
        String precision = policy.ladder().precision(policy.levelAtEpoch(epoch)).toString();
        double d = Double.NaN;
        double t = Double.NaN;
        for (DiversityCheck c : policy.checks()) {
            if (c.epoch() == epoch) {
                d = c.diversity();
                t = c.threshold();
            }
        }
        return new EpochRecord(epoch, precision, trainLoss, testAccuracy, seconds, lossScale, d, t);
    }
}
