/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.List;

/**
 * Projects the cost of training a {@link Network} under a precision policy on a {@link
 * ThroughputTable} target (docs/algorithms.md §8). An <b>estimate</b>: a per-pass roofline over
 * peak rates.
 *
 * <p>For each layer with {@code M} forward MACs per sample, {@code W} weights, {@code I} inputs and
 * {@code O} outputs per sample, a batch of {@code B} samples, and operand widths {@code b_w, b_a,
 * b_e, b_g} bits ({@link OperandPrecisions#bits}, resolved per layer from the policy), one training
 * step runs three products (as in CPT's relative cost {@code (b_fw^2 + 2 b_fw b_bw) / 3}, Fu et
 * al., ICLR 2021):
 *
 * <table>
 *   <caption>Passes of one layer per step</caption>
 *   <tr><th>pass</th><th>bit-ops</th><th>bits moved</th><th>class</th></tr>
 *   <tr><td>forward {@code Y = X*W}</td><td>{@code B M b_a b_w}</td>
 *       <td>{@code B I b_a + W b_w + B O b_a}</td><td>(activation, weight)</td></tr>
 *   <tr><td>backward-data {@code dX = dY*W'}</td><td>{@code B M b_e b_w}</td>
 *       <td>{@code B O b_e + W b_w + B I b_e}</td><td>(error, weight)</td></tr>
 *   <tr><td>backward-weights {@code dW = X'*dY}</td><td>{@code B M b_a b_e}</td>
 *       <td>{@code B I b_a + B O b_e + W b_g}</td><td>(activation, error)</td></tr>
 *   <tr><td>weight update</td><td>0</td><td>{@code W (b_g + 32 + 32 + b_w)}</td><td>memory
 *       only</td></tr>
 * </table>
 *
 * <p>Each tensor is read or written once per pass at its width (no cache reuse); the update reads
 * the gradient, reads and writes the FP32 master weight and writes the working weight. The first
 * layer has no backward-data pass: its input is data, which needs no error (as autograd skips it).
 * Pooling, activation functions, the loss, biases and the quantisers themselves are not modelled.
 *
 * <p>Time of a pass: {@code max(2 B M / rate(class), bits / 8 / bandwidth)}, where the class comes
 * from {@link ComputeClass#of(Precision, Precision)} over the pass's two operands and a MAC counts
 * as two operations; a pass whose class is FP32 runs on the model's full-precision class instead
 * (FP32, or TF32 as PyTorch runs FP32 convolutions on GPUs with TF32, see {@link Baseline}). The
 * step time is the sum over layers and passes; an epoch of {@code N} samples takes {@code N / B}
 * steps (fractional, so per-sample figures are exact). Taking the maximum per pass rather than once
 * per epoch ({@code max(total compute, total memory)}, available from {@link
 * EpochCost#computeSeconds()} and {@link EpochCost#memorySeconds()}) is our choice: a pass cannot
 * hide its memory traffic behind another pass's arithmetic, so the per-pass sum is the less
 * optimistic estimate.
 */
public final class CostModel {

    private final Network network;
    private final ThroughputTable table;
    private final int batchSize;
    private final ComputeClass fullPrecision;

    /**
     * Creates a model.
     *
     * @param network the layers
     * @param table the target
     * @param batchSize samples per step (weights are read once per step); at least 1
     */
    public CostModel(Network network, ThroughputTable table, int batchSize) {
        this(network, table, batchSize, ComputeClass.FP32);
    }

    /**
     * Creates a model whose full-precision products run on a given class: {@link ComputeClass#TF32}
     * prices every pass whose operands are FP32 as PyTorch runs it by default on GPUs with TF32
     * tensor cores ({@link Baseline#fullPrecisionClass()}).
     *
     * @param network the layers
     * @param table the target
     * @param batchSize samples per step (weights are read once per step); at least 1
     * @param fullPrecision the class of a pass whose operands need FP32: {@link ComputeClass#FP32}
     *     or {@link ComputeClass#TF32}
     */
    public CostModel(
            Network network, ThroughputTable table, int batchSize, ComputeClass fullPrecision) {
        if (fullPrecision != ComputeClass.FP32 && fullPrecision != ComputeClass.TF32) {
            throw new IllegalArgumentException(
                    "fullPrecision must be FP32 or TF32, got " + fullPrecision);
        }
        this.fullPrecision = fullPrecision;
        if (network == null || table == null) {
            throw new IllegalArgumentException("network and table must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.network = network;
        this.table = table;
        this.batchSize = batchSize;
    }

    /**
     * Returns the cost of one epoch under a policy.
     *
     * @param policy resolved per layer ({@link ComputeLayer#site()}) for weights, activations,
     *     errors and weight gradients
     * @param samples training samples in the epoch; at least 1
     * @return the epoch's cost
     */
    public EpochCost epoch(PrecisionPolicy policy, long samples) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        double[] step = new double[5];
        List<ComputeLayer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            ComputeLayer layer = layers.get(i);
            addLayer(step, layer, OperandPrecisions.resolve(policy, layer), i == 0);
        }
        double steps = (double) samples / batchSize;
        return new EpochCost(
                samples,
                step[0] * steps,
                step[1] * steps,
                step[2] * steps,
                step[3] * steps,
                step[4] * steps);
    }

    /**
     * Returns the cost of one epoch with one precision on all four compute operands of every layer.
     *
     * @param precision the precision
     * @param samples training samples in the epoch; at least 1
     * @return the epoch's cost
     */
    public EpochCost epoch(Precision precision, long samples) {
        OperandPrecisions all = OperandPrecisions.uniform(precision);
        return epoch((site, role) -> pick(all, role), samples);
    }

    private static Precision pick(OperandPrecisions p, TensorRole role) {
        return switch (role) {
            case WEIGHT -> p.weight();
            case ACTIVATION -> p.activation();
            case ERROR -> p.error();
            case WEIGHT_GRADIENT -> p.gradient();
            default -> Precision.FP32;
        };
    }

    // acc: bit-ops, bytes, compute s, memory s, projected s -- all per step.
    private void addLayer(double[] acc, ComputeLayer l, OperandPrecisions p, boolean first) {
        double b = batchSize;
        double m = b * l.macsPerSample();
        double in = b * l.inputCount();
        double out = b * l.outputCount();
        double w = l.weightCount();
        int bw = OperandPrecisions.bits(p.weight());
        int ba = OperandPrecisions.bits(p.activation());
        int be = OperandPrecisions.bits(p.error());
        int bg = OperandPrecisions.bits(p.gradient());
        addPass(
                acc,
                m,
                ba,
                bw,
                ComputeClass.of(p.activation(), p.weight()),
                in * ba + w * bw + out * ba);
        if (!first) {
            addPass(
                    acc,
                    m,
                    be,
                    bw,
                    ComputeClass.of(p.error(), p.weight()),
                    out * be + w * bw + in * be);
        }
        addPass(
                acc,
                m,
                ba,
                be,
                ComputeClass.of(p.activation(), p.error()),
                in * ba + out * be + w * bg);
        addPass(acc, 0, 0, 0, null, w * (bg + 32 + 32 + bw));
    }

    private void addPass(
            double[] acc, double macs, int bitsA, int bitsB, ComputeClass cls, double bits) {
        double bytes = bits / 8;
        ComputeClass c = cls == ComputeClass.FP32 ? fullPrecision : cls;
        double compute = macs == 0 ? 0 : 2 * macs / table.rate(c);
        double memory = bytes / table.bytesPerSecond();
        acc[0] += macs * bitsA * bitsB;
        acc[1] += bytes;
        acc[2] += compute;
        acc[3] += memory;
        acc[4] += Math.max(compute, memory);
    }

    /**
     * Returns the network.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * Returns the target.
     *
     * @return the table
     */
    public ThroughputTable table() {
        return table;
    }

    /**
     * Returns the class full-precision passes run on.
     *
     * @return {@link ComputeClass#FP32} or {@link ComputeClass#TF32}
     */
    public ComputeClass fullPrecision() {
        return fullPrecision;
    }

    /**
     * Returns the batch size.
     *
     * @return samples per step
     */
    public int batchSize() {
        return batchSize;
    }
}
