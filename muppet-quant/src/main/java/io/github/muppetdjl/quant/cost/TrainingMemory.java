/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

/**
 * The storage one training step holds, by tensor class, in bytes: an <b>estimate</b> computed from
 * a {@link Network}'s shapes and each layer's precisions (docs/algorithms.md §8.5), see {@link
 * #of}.
 *
 * @param weights working weights at their weight precision
 * @param masters master copies (0 where the weights are not quantised and no copy is kept)
 * @param gradients weight gradients at their gradient precision
 * @param optimizerState optimizer state (e.g. Adam's two moments) at its precision
 * @param activations the inputs every layer keeps for its backward pass, for one batch, at the
 *     activation precision
 */
public record TrainingMemory(
        double weights,
        double masters,
        double gradients,
        double optimizerState,
        double activations) {

    /** Validates the fields. */
    public TrainingMemory {
        for (double v : new double[] {weights, masters, gradients, optimizerState, activations}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("byte counts must be finite and at least 0");
            }
        }
    }

    /**
     * Estimates the storage of one step.
     *
     * <p>Per layer with {@code W} weights and {@code I} inputs per sample, batch {@code B}: weights
     * {@code W b_w}, gradients {@code W b_g}, optimizer state {@code slots W b_s}, master copy
     * {@code W b_m} when the weights are quantised (none otherwise), activations {@code B I b_a};
     * all divided by 8. Biases, batch-norm statistics, errors (short-lived: each is freed once its
     * layer's backward has run) and framework workspace are left out.
     *
     * @param network the layers
     * @param policy resolved per layer for weights, weight gradients, optimizer state, activations
     *     and master weights
     * @param masterPrecision the master precision used where the policy leaves master weights at
     *     FP32 (a recipe's master precision)
     * @param batchSize samples per step; at least 1
     * @param stateSlots optimizer state tensors per weight (Adam 2, SGD with momentum 1); at least
     *     0
     * @return the estimate
     */
    public static TrainingMemory of(
            Network network,
            PrecisionPolicy policy,
            Precision masterPrecision,
            int batchSize,
            int stateSlots) {
        if (network == null || policy == null || masterPrecision == null) {
            throw new IllegalArgumentException(
                    "network, policy and masterPrecision must not be null");
        }
        if (batchSize < 1 || stateSlots < 0) {
            throw new IllegalArgumentException(
                    "batchSize must be at least 1 and stateSlots at least 0, got "
                            + batchSize
                            + " and "
                            + stateSlots);
        }
        double w = 0;
        double m = 0;
        double g = 0;
        double s = 0;
        double a = 0;
        for (ComputeLayer layer : network.layers()) {
            SiteDescriptor site = layer.site();
            Precision weight = policy.resolve(site, TensorRole.WEIGHT);
            Precision master = policy.resolve(site, TensorRole.MASTER_WEIGHT);
            double n = layer.weightCount();
            w += n * bits(weight);
            if (!weight.isIdentity()) {
                m += n * bits(master.isIdentity() ? masterPrecision : master);
            }
            g += n * bits(policy.resolve(site, TensorRole.WEIGHT_GRADIENT));
            s += stateSlots * n * bits(policy.resolve(site, TensorRole.OPTIMIZER_STATE));
            a +=
                    (double) batchSize
                            * layer.inputCount()
                            * bits(policy.resolve(site, TensorRole.ACTIVATION));
        }
        return new TrainingMemory(w / 8, m / 8, g / 8, s / 8, a / 8);
    }

    private static double bits(Precision p) {
        return OperandPrecisions.bits(p);
    }

    /**
     * Returns the total.
     *
     * @return the sum of the five classes, in bytes
     */
    public double total() {
        return weights + masters + gradients + optimizerState + activations;
    }
}
