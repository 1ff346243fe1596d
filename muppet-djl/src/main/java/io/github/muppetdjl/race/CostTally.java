/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.ComputeLayer;
import io.github.muppetdjl.quant.cost.CostModel;
import io.github.muppetdjl.quant.cost.Network;
import io.github.muppetdjl.quant.cost.OperandPrecisions;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.quant.cost.TrainingMemory;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.report.PrecisionSegment;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up, step by step, what the cost model projects for one run (estimates): its time relative to
 * the baseline's, its training-tensor memory, and its precision timeline. Each step is priced under
 * the policy it trained under, so a policy that changes every step (CPT) and one that changes per
 * epoch (MuPPET) are priced alike. Values per policy are cached by identity.
 */
final class CostTally {

    private static final int CACHE_LIMIT = 256;

    private final Network network;
    private final CostModel model;
    private final Precision masterPrecision;
    private final int batchSize;
    private final int stateSlots;
    private final double baselinePerSample;
    private final Map<PrecisionPolicy, double[]> cache = new IdentityHashMap<>();
    private final List<PrecisionSegment> trace = new ArrayList<>();
    private final double[] memory = new double[5];
    private double seconds;
    private double baselineSeconds;
    private long samples;

    CostTally(
            Network network,
            ThroughputTable target,
            Baseline baseline,
            int batchSize,
            Precision masterPrecision,
            int stateSlots) {
        this.network = network;
        this.model = baseline.costModel(network, target, batchSize);
        this.masterPrecision = masterPrecision;
        this.batchSize = batchSize;
        this.stateSlots = stateSlots;
        this.baselinePerSample =
                model.epoch(baseline.policy(), batchSize).projectedSeconds() / batchSize;
    }

    /** Records one step of {@code batch} samples trained under {@code policy}. */
    void step(long step, PrecisionPolicy policy, long batch) {
        double[] v = cache.get(policy);
        if (v == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            v = evaluate(policy);
            cache.put(policy, v);
        }
        seconds += v[0] * batch;
        baselineSeconds += baselinePerSample * batch;
        samples += batch;
        for (int i = 0; i < memory.length; i++) {
            memory[i] += v[2 + i] * batch;
        }
        if (trace.isEmpty() || trace.get(trace.size() - 1).bits() != v[1]) {
            trace.add(new PrecisionSegment(step, v[1]));
        }
    }

    private double[] evaluate(PrecisionPolicy policy) {
        double perSample = model.epoch(policy, batchSize).projectedSeconds() / batchSize;
        TrainingMemory m =
                TrainingMemory.of(network, policy, masterPrecision, batchSize, stateSlots);
        return new double[] {
            perSample,
            forwardBits(policy),
            m.weights(),
            m.masters(),
            m.gradients(),
            m.optimizerState(),
            m.activations()
        };
    }

    /** The MAC-weighted mean of {@code (b_w + b_a) / 2} over the compute layers. */
    private double forwardBits(PrecisionPolicy policy) {
        double sum = 0;
        double macs = 0;
        for (ComputeLayer l : network.layers()) {
            int w = OperandPrecisions.bits(policy.resolve(l.site(), TensorRole.WEIGHT));
            int a = OperandPrecisions.bits(policy.resolve(l.site(), TensorRole.ACTIVATION));
            sum += l.macsPerSample() * (w + a) / 2.0;
            macs += l.macsPerSample();
        }
        return sum / macs;
    }

    /** The run's projected time over the baseline's; NaN before any step. */
    double relativeCost() {
        return samples == 0 ? Double.NaN : seconds / baselineSeconds;
    }

    /** The step-weighted mean memory by class; empty before any step. */
    Map<String, Double> memoryBytes() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (samples == 0) {
            return out;
        }
        String[] names = {"weights", "masters", "gradients", "optimizerState", "activations"};
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], memory[i] / samples);
        }
        return out;
    }

    List<PrecisionSegment> trace() {
        return trace;
    }
}
