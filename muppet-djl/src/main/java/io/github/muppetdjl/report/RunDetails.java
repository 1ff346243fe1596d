/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a race measured and estimated about one run beyond its epochs: how it ended, its
 * steady-state step time, its projected cost and training-tensor memory (estimates), its precision
 * per step and its per-site statistics. Values not measured are NaN; lists may be empty.
 *
 * @param status how the run ended; not null
 * @param message why it stopped early, or empty
 * @param medianStepMs the median wall time of one timed training step, in milliseconds; above 0 or
 *     NaN
 * @param timedSteps the number of timed steps; at least 0
 * @param warmupSteps the untimed steps trained on a throwaway model before the clock started; at
 *     least 0
 * @param projectedCost the cost model's projected time of the run relative to the baseline's (an
 *     estimate; 1 = as costly, below 1 = cheaper); above 0 or NaN
 * @param baseline the baseline the projection compares with, e.g. {@code TF32 tensor cores}
 * @param memoryBytes the estimated training-tensor storage by class (weights, masters, gradients,
 *     optimizerState, activations), averaged over the run's steps; copied
 * @param precisionTrace the precision timeline in steps, in increasing step order; copied
 * @param siteStats per-site, per-role quantisation statistics over the run; copied
 * @param integerOverflows the INT32 accumulation counts of integer layers per product over the run
 *     (empty when the recipe has none); copied
 */
public record RunDetails(
        RunStatus status,
        String message,
        double medianStepMs,
        long timedSteps,
        int warmupSteps,
        double projectedCost,
        String baseline,
        Map<String, Double> memoryBytes,
        List<PrecisionSegment> precisionTrace,
        List<SiteStat> siteStats,
        List<IntegerOverflowStat> integerOverflows) {

    /** Validates the fields and copies the collections. */
    public RunDetails {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        message = message == null ? "" : message;
        baseline = baseline == null ? "" : baseline;
        if (medianStepMs <= 0 || timedSteps < 0 || warmupSteps < 0 || projectedCost <= 0) {
            throw new IllegalArgumentException(
                    "medianStepMs and projectedCost must be above 0 or NaN, and step counts at"
                            + " least 0");
        }
        if (memoryBytes == null || precisionTrace == null || siteStats == null) {
            throw new IllegalArgumentException(
                    "memoryBytes, precisionTrace and siteStats must not be null");
        }
        memoryBytes = Collections.unmodifiableMap(new LinkedHashMap<>(memoryBytes));
        precisionTrace = List.copyOf(precisionTrace);
        siteStats = List.copyOf(siteStats);
        integerOverflows = integerOverflows == null ? List.of() : List.copyOf(integerOverflows);
        for (int i = 1; i < precisionTrace.size(); i++) {
            if (precisionTrace.get(i).fromStep() <= precisionTrace.get(i - 1).fromStep()) {
                throw new IllegalArgumentException(
                        "precisionTrace must be in increasing step order");
            }
        }
    }

    /**
     * Creates details without integer-layer counts.
     *
     * @param status how the run ended; not null
     * @param message why it stopped early, or empty
     * @param medianStepMs the median step time in milliseconds; above 0 or NaN
     * @param timedSteps the number of timed steps; at least 0
     * @param warmupSteps the untimed warm-up steps; at least 0
     * @param projectedCost the projected relative cost; above 0 or NaN
     * @param baseline the baseline of the projection
     * @param memoryBytes the estimated training-tensor storage by class
     * @param precisionTrace the precision timeline in steps
     * @param siteStats per-site, per-role quantisation statistics
     */
    public RunDetails(
            RunStatus status,
            String message,
            double medianStepMs,
            long timedSteps,
            int warmupSteps,
            double projectedCost,
            String baseline,
            Map<String, Double> memoryBytes,
            List<PrecisionSegment> precisionTrace,
            List<SiteStat> siteStats) {
        this(
                status,
                message,
                medianStepMs,
                timedSteps,
                warmupSteps,
                projectedCost,
                baseline,
                memoryBytes,
                precisionTrace,
                siteStats,
                List.of());
    }

    /**
     * Returns the total INT32 chunk sums that left the INT32 range, over all integer layers.
     *
     * @return the count, 0 when the run had no integer layers
     */
    public long chunkOverflows() {
        return integerOverflows.stream().mapToLong(IntegerOverflowStat::chunkOverflows).sum();
    }

    /**
     * Returns the details of a run that recorded none (a record built before races measured them).
     *
     * @return completed, every number NaN, every collection empty
     */
    public static RunDetails none() {
        return new RunDetails(
                RunStatus.COMPLETED,
                "",
                Double.NaN,
                0,
                0,
                Double.NaN,
                "",
                Map.of(),
                List.of(),
                List.of());
    }

    /**
     * Returns the total estimated training-tensor storage.
     *
     * @return the sum of {@link #memoryBytes()}, or NaN when none was estimated
     */
    public double totalMemoryBytes() {
        return memoryBytes.isEmpty()
                ? Double.NaN
                : memoryBytes.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
