/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.ThroughputTable;

import java.util.List;

/**
 * What a race trains: the policies, epochs, seed and batch size, the MuPPET hyperparameters the
 * command exposes, an optional cap on the samples of each set (for quick runs and tests) and the
 * target of the cost projection.
 *
 * @param policies policy names from {@link RacePolicies#NAMES}, in race order; at least one, no
 *     duplicates
 * @param epochs epochs per policy; at least 1
 * @param seed the seed of weight initialisation, shuffling and stochastic rounding
 * @param batchSize samples per step; at least 1
 * @param sampleLimit samples kept from each of the training and test sets; at least 1 ({@link
 *     Long#MAX_VALUE} for all)
 * @param resolution MuPPET's resolution r; at least 1 (the spec's default is 3)
 * @param patience MuPPET's patience; at least 1 (the spec's default is 2)
 * @param target the throughput table of the projection (an estimate); not null
 * @param baseline what projected speed-ups are relative to; not null
 * @param warmupSteps untimed steps per recipe before any clock starts; at least 0
 */
public record RaceConfig(
        List<String> policies,
        int epochs,
        long seed,
        int batchSize,
        long sampleLimit,
        int resolution,
        int patience,
        ThroughputTable target,
        Baseline baseline,
        int warmupSteps) {

    /** Validates the fields and copies the list. */
    public RaceConfig {
        if (policies == null || policies.isEmpty()) {
            throw new IllegalArgumentException("policies must name at least one policy");
        }
        policies = List.copyOf(policies);
        for (String p : policies) {
            if (!RacePolicies.NAMES.contains(p)) {
                throw new IllegalArgumentException(
                        "unknown policy '"
                                + p
                                + "'; expected one of "
                                + String.join(", ", RacePolicies.NAMES));
            }
        }
        if (policies.stream().distinct().count() != policies.size()) {
            throw new IllegalArgumentException("policies must not repeat, got " + policies);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (sampleLimit < 1) {
            throw new IllegalArgumentException(
                    "sampleLimit must be at least 1, got " + sampleLimit);
        }
        if (resolution < 1) {
            throw new IllegalArgumentException("resolution must be at least 1, got " + resolution);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        if (target == null || baseline == null) {
            throw new IllegalArgumentException("target and baseline must not be null");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException(
                    "warmupSteps must be at least 0, got " + warmupSteps);
        }
    }
}
