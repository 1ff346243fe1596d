/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.util.Map;

/**
 * What a projected speed-up is measured against: the way a practitioner would train the same
 * network without this library (docs/algorithms.md §8.4). Every projection is an estimate.
 *
 * <ul>
 *   <li>{@link #FP32}: FP32 everywhere on CUDA cores, no tensor cores;
 *   <li>{@link #TF32}: FP32 storage with convolutions and matrix products on TF32 tensor cores,
 *       PyTorch's default for cuDNN convolutions on GPUs that have them (Ampere and later);
 *   <li>{@link #BF16_MIXED}: mixed precision: weights, activations, errors and weight gradients in
 *       16 bits (BF16, or FP16 on targets without BF16) on tensor cores, FP32 master weights.
 * </ul>
 *
 * <p>The baseline also sets how a contender's own FP32 products are priced ({@link
 * #fullPrecisionClass()}): against TF32 or mixed precision they run on TF32 tensor cores too, so a
 * layer a recipe keeps in FP32 is not charged CUDA-core rates that the practitioner would not pay.
 */
public enum Baseline {
    /** FP32 on CUDA cores. */
    FP32("FP32 CUDA cores"),
    /** FP32 storage, TF32 tensor-core products. */
    TF32("TF32 tensor cores"),
    /** BF16 (or FP16) mixed precision with FP32 master weights. */
    BF16_MIXED("BF16 mixed precision");

    private static final Precision BF16 = new Precision(FloatingPoint.BF16, Rounding.NEAREST_EVEN);

    private final String label;

    Baseline(String label) {
        this.label = label;
    }

    /**
     * Returns the baseline to use when the user names none: TF32 where the target has TF32 tensor
     * cores (its TF32 rate beats its FP32 rate), else FP32.
     *
     * @param table the target
     * @return the default baseline
     */
    public static Baseline defaultFor(ThroughputTable table) {
        return table.rate(ComputeClass.TF32) > table.rate(ComputeClass.FP32) ? TF32 : FP32;
    }

    /**
     * Parses {@code fp32}, {@code tf32} or {@code bf16}.
     *
     * @param text the name
     * @return the baseline
     * @throws IllegalArgumentException naming the legal names otherwise
     */
    public static Baseline parse(String text) {
        if (text != null) {
            switch (text) {
                case "fp32":
                    return FP32;
                case "tf32":
                    return TF32;
                case "bf16":
                    return BF16_MIXED;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "baseline must be fp32, tf32 or bf16, got '" + text + "'");
    }

    /**
     * Returns the policy the baseline trains under: FP32 everywhere, or 16-bit weights,
     * activations, errors and weight gradients for {@link #BF16_MIXED}.
     *
     * @return the policy
     */
    public PrecisionPolicy policy() {
        if (this != BF16_MIXED) {
            return PrecisionPolicy.fp32();
        }
        return PrecisionPolicy.uniform(
                Map.of(
                        TensorRole.WEIGHT, BF16,
                        TensorRole.ACTIVATION, BF16,
                        TensorRole.ERROR, BF16,
                        TensorRole.WEIGHT_GRADIENT, BF16));
    }

    /**
     * Returns the class an FP32 product runs on under this baseline: {@link ComputeClass#FP32} for
     * {@link #FP32}, {@link ComputeClass#TF32} otherwise (on a target without TF32 the table gives
     * TF32 the FP32 rate).
     *
     * @return the class
     */
    public ComputeClass fullPrecisionClass() {
        return this == FP32 ? ComputeClass.FP32 : ComputeClass.TF32;
    }

    /**
     * Returns a cost model for a network on a target, priced the way this baseline runs FP32.
     *
     * @param network the network
     * @param table the target
     * @param batchSize samples per step; at least 1
     * @return the model
     */
    public CostModel costModel(Network network, ThroughputTable table, int batchSize) {
        return new CostModel(network, table, batchSize, fullPrecisionClass());
    }

    /** Returns the label, e.g. {@code TF32 tensor cores}. */
    @Override
    public String toString() {
        return label;
    }
}
