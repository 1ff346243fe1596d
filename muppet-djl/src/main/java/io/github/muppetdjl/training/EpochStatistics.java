/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.metric.Metrics;

import io.github.muppetdjl.control.OverflowEvent;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.integer.Gemm;
import io.github.muppetdjl.quant.integer.OverflowTally;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.site.SiteRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drains the sites' statistics after every batch, keeps the epoch's totals, finds the overflow
 * events, and writes metrics: per step only under {@link MetricsDetail#STEP}, per epoch otherwise,
 * so the trainer's {@code Metrics} (which keeps every value) grows with epochs, not steps. Metric
 * names: {@code muppet.lossScale}, {@code muppet.skippedSteps}, and {@code
 * muppet.site.<site>.<role>.{total,saturated,underflowed,nonFinite}}, and for integer layers
 * (docs/algorithms.md §6.4) {@code
 * muppet.site.<layer>.int32.<forward|backward_data|backward_weights>.{chunks,chunkOverflows,sums,sumOverflows}}.
 * Not thread-safe: DJL calls listeners from one thread.
 */
final class EpochStatistics {

    private final MetricsDetail detail;
    private final Map<String, QuantStats> epochTotals = new LinkedHashMap<>();
    private final Map<String, OverflowTally> epochOverflows = new LinkedHashMap<>();
    private long skippedThisEpoch;

    EpochStatistics(MetricsDetail detail) {
        this.detail = detail;
    }

    /** Takes one batch's statistics; returns its overflow events. */
    List<OverflowEvent> onBatch(
            Metrics metrics, SiteRegistry registry, long step, float scaleUsed, boolean applied) {
        List<OverflowEvent> events = new ArrayList<>();
        boolean perStep = detail == MetricsDetail.STEP && metrics != null;
        if (!applied) {
            skippedThisEpoch++;
        }
        if (perStep) {
            metrics.addMetric(QuantizedTrainingListener.METRIC_PREFIX + "lossScale", scaleUsed);
            metrics.addMetric(
                    QuantizedTrainingListener.METRIC_PREFIX + "skippedSteps", applied ? 0 : 1);
        }
        for (QuantizationPoint p : registry.points()) {
            String site = p.core().descriptor().name();
            for (TensorRole role : TensorRole.values()) {
                QuantStats s = p.core().drainStats(role);
                if (s.total() == 0) {
                    continue;
                }
                if (s.saturated() + s.nonFinite() > 0) {
                    events.add(new OverflowEvent(step, site, role, s));
                }
                String prefix = prefix(site, role);
                if (detail != MetricsDetail.NONE) {
                    epochTotals.merge(prefix, s, QuantStats::plus);
                }
                if (perStep) {
                    write(metrics, prefix, s);
                }
            }
            for (Gemm g : Gemm.values()) {
                OverflowTally t = p.core().drainOverflows(g);
                if (t.sums() == 0) {
                    continue;
                }
                String prefix = prefix(site, g);
                if (detail != MetricsDetail.NONE) {
                    epochOverflows.merge(prefix, t, OverflowTally::plus);
                }
                if (perStep) {
                    write(metrics, prefix, t);
                }
            }
        }
        return events;
    }

    /**
     * Returns the overflow events of the optimizer wrapper's quantisations since the previous call
     * (weights, weight gradients, master weights, optimizer state), named by parameter path.
     */
    static List<OverflowEvent> optimizerEvents(QuantizedOptimizer optimizer, long step) {
        List<OverflowEvent> events = new ArrayList<>();
        if (optimizer == null) {
            return events;
        }
        for (Map.Entry<String, Map<TensorRole, QuantStats>> e :
                optimizer.drainNewStatistics().entrySet()) {
            for (Map.Entry<TensorRole, QuantStats> r : e.getValue().entrySet()) {
                QuantStats s = r.getValue();
                if (s.saturated() + s.nonFinite() > 0) {
                    events.add(new OverflowEvent(step, e.getKey(), r.getKey(), s));
                }
            }
        }
        return events;
    }

    /** Writes the epoch's totals (unless per-step or none) and starts a new epoch. */
    void onEpochEnd(Metrics metrics, float scaleNow) {
        if (detail == MetricsDetail.EPOCH && metrics != null) {
            metrics.addMetric(QuantizedTrainingListener.METRIC_PREFIX + "lossScale", scaleNow);
            metrics.addMetric(
                    QuantizedTrainingListener.METRIC_PREFIX + "skippedSteps", skippedThisEpoch);
            epochTotals.forEach((prefix, s) -> write(metrics, prefix, s));
            epochOverflows.forEach((prefix, t) -> write(metrics, prefix, t));
        }
        epochTotals.clear();
        epochOverflows.clear();
        skippedThisEpoch = 0;
    }

    private static String prefix(String site, TensorRole role) {
        return QuantizedTrainingListener.METRIC_PREFIX
                + "site."
                + site
                + "."
                + role.name().toLowerCase(Locale.ROOT)
                + ".";
    }

    private static String prefix(String site, Gemm gemm) {
        return QuantizedTrainingListener.METRIC_PREFIX
                + "site."
                + site
                + ".int32."
                + gemm.name().toLowerCase(Locale.ROOT)
                + ".";
    }

    private static void write(Metrics metrics, String prefix, OverflowTally t) {
        metrics.addMetric(prefix + "chunks", t.chunks());
        metrics.addMetric(prefix + "chunkOverflows", t.chunkOverflows());
        metrics.addMetric(prefix + "sums", t.sums());
        metrics.addMetric(prefix + "sumOverflows", t.sumOverflows());
    }

    private static void write(Metrics metrics, String prefix, QuantStats s) {
        metrics.addMetric(prefix + "total", s.total());
        metrics.addMetric(prefix + "saturated", s.saturated());
        metrics.addMetric(prefix + "underflowed", s.underflowed());
        metrics.addMetric(prefix + "nonFinite", s.nonFinite());
    }
}
