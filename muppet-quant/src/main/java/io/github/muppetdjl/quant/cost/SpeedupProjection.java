/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.List;

/**
 * The projected time of a whole run against the same run in FP32 on one target: an <b>estimate</b>
 * from a {@link CostModel}.
 *
 * @param target the table's name
 * @param epochs the number of epochs; at least 1
 * @param projectedSeconds the sum over epochs of {@link EpochCost#projectedSeconds()}; above 0
 * @param fp32Seconds the same sum with every epoch in FP32; above 0
 */
public record SpeedupProjection(
        String target, int epochs, double projectedSeconds, double fp32Seconds) {

    /** Validates the fields. */
    public SpeedupProjection {
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!(projectedSeconds > 0) || !(fp32Seconds > 0)) {
            throw new IllegalArgumentException(
                    "projectedSeconds and fp32Seconds must be above 0, got "
                            + projectedSeconds
                            + " and "
                            + fp32Seconds);
        }
    }

    /**
     * Projects a run whose epoch {@code e} is trained under {@code perEpoch.get(e)}.
     *
     * @param model the cost model
     * @param perEpoch the policy of each epoch, in order; at least one
     * @param samplesPerEpoch training samples per epoch; at least 1
     * @return the projection
     */
    public static SpeedupProjection of(
            CostModel model, List<? extends PrecisionPolicy> perEpoch, long samplesPerEpoch) {
        return of(model, PrecisionPolicy.fp32(), perEpoch, samplesPerEpoch);
    }

    /**
     * Projects a run against a baseline run of as many epochs under one policy (for example {@link
     * Baseline#policy()}, with the model from {@link Baseline#costModel}).
     *
     * @param model the cost model
     * @param baseline the baseline's policy, used for every baseline epoch
     * @param perEpoch the policy of each epoch, in order; at least one
     * @param samplesPerEpoch training samples per epoch; at least 1
     * @return the projection; its {@code fp32Seconds} is the baseline's time
     */
    public static SpeedupProjection of(
            CostModel model,
            PrecisionPolicy baseline,
            List<? extends PrecisionPolicy> perEpoch,
            long samplesPerEpoch) {
        if (model == null || baseline == null || perEpoch == null || perEpoch.isEmpty()) {
            throw new IllegalArgumentException(
                    "model, baseline and at least one epoch are required");
        }
        double fp32 = model.epoch(baseline, samplesPerEpoch).projectedSeconds() * perEpoch.size();
        double total = 0;
        for (PrecisionPolicy p : perEpoch) {
            total += model.epoch(p, samplesPerEpoch).projectedSeconds();
        }
        return new SpeedupProjection(model.table().name(), perEpoch.size(), total, fp32);
    }

    /**
     * Returns the projected speed-up over FP32.
     *
     * @return {@code fp32Seconds / projectedSeconds}; 1 for an all-FP32 run
     */
    public double speedup() {
        return fp32Seconds / projectedSeconds;
    }
}
