/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the optimizers whose state can be quantised ({@link QuantizedSgd}, {@link
 * QuantizedAdam}). State lives in named slots, per parameter and per device, in concurrent maps (as
 * in DJL's optimizers); after every update each slot is quantised to the parameter's {@link
 * TensorRole#OPTIMIZER_STATE} precision, so the state the next step reads is on that grid.
 */
public abstract class QuantizedStateOptimizer extends Optimizer {

    /** The version written by {@link #saveState(DataOutputStream)}. */
    public static final byte STATE_VERSION = 1;

    private final List<Map<String, Map<Device, NDArray>>> slots = new ArrayList<>();
    private final Map<String, StatsAccumulator> stateStats = new ConcurrentHashMap<>();
    private final TensorQuantizer quantizer;
    private final long seed;
    private volatile ParameterPrecisions precisions;

    /**
     * Creates the optimizer.
     *
     * @param builder the builder
     * @param slotCount how many state tensors each parameter has, in [0, {@link StreamKeys#PARTS}]
     *     (each slot rounds on its own part of the {@link RandomStream#OPTIMIZER_STATE} stream)
     */
    protected QuantizedStateOptimizer(BaseBuilder<?> builder, int slotCount) {
        super(builder);
        if (slotCount < 0 || slotCount > StreamKeys.PARTS) {
            throw new IllegalArgumentException(
                    "slotCount must be in [0, " + StreamKeys.PARTS + "], got " + slotCount);
        }
        this.precisions = builder.precisions;
        this.quantizer = builder.quantizer;
        this.seed = builder.seed;
        for (int i = 0; i < slotCount; i++) {
            slots.add(new ConcurrentHashMap<>());
        }
    }

    /**
     * Replaces the precisions; takes effect at the next update.
     *
     * @param precisions the new precisions
     */
    public void setPrecisions(ParameterPrecisions precisions) {
        if (precisions == null) {
            throw new IllegalArgumentException("precisions must not be null");
        }
        this.precisions = precisions;
    }

    /**
     * Returns the current precisions.
     *
     * @return the precisions
     */
    public ParameterPrecisions getPrecisions() {
        return precisions;
    }

    /**
     * Returns the statistics of quantising one parameter's state (all slots together).
     *
     * @param parameterId the parameter id
     * @return the live accumulator, created on first use
     */
    public StatsAccumulator stateStats(String parameterId) {
        return stateStats.computeIfAbsent(parameterId, k -> new StatsAccumulator());
    }

    /**
     * Returns a snapshot of the state statistics of every parameter, by name.
     *
     * @return parameter name to statistics (all slots together), a new map
     */
    public Map<String, QuantStats> stateStatsSnapshot() {
        Map<String, QuantStats> out = new TreeMap<>();
        stateStats.forEach((k, v) -> out.put(k, v.snapshot()));
        return out;
    }

    /**
     * Returns a state tensor, created as zeros like {@code weight} on first use. The returned array
     * is owned by the optimizer: do not close it.
     *
     * @param slot the slot index
     * @param parameterId the parameter id
     * @param weight the weight the state belongs to
     * @return the state on {@code weight}'s device
     */
    protected NDArray state(int slot, String parameterId, NDArray weight) {
        return withDefaultState(
                slots.get(slot), parameterId, weight.getDevice(), k -> weight.zerosLike());
    }

    /**
     * Returns a state tensor if it exists (for tests and checkpoints); do not close it.
     *
     * @param slot the slot index
     * @param parameterId the parameter id
     * @param device the device
     * @return the state, or {@code null}
     */
    public NDArray peekState(int slot, String parameterId, Device device) {
        Map<Device, NDArray> byDevice = slots.get(slot).get(parameterId);
        return byDevice == null ? null : byDevice.get(device);
    }

    /**
     * Quantises one state tensor in place to the parameter's {@link TensorRole#OPTIMIZER_STATE}
     * precision.
     *
     * @param slot the slot index: the part of the {@link RandomStream#OPTIMIZER_STATE} stream, so m
     *     and v round on different random numbers
     * @param parameterId the parameter's stable name (it keys the stream)
     * @param state the state tensor
     * @param step the update count, part of the generator key
     */
    protected void quantizeState(int slot, String parameterId, NDArray state, long step) {
        Precision p = precisions.of(parameterId, TensorRole.OPTIMIZER_STATE);
        if (p.isIdentity()) {
            return;
        }
        long key = StreamKeys.key(seed, step, parameterId, RandomStream.OPTIMIZER_STATE, slot);
        quantizer.quantizeInPlace(state, p, key, stateStats(parameterId));
    }

    /**
     * Returns {@code clip(rescaleGrad * grad) + weightDecay * weight} as a new array, clipping
     * symmetrically to {@code [-clipGrad, clipGrad]} when {@code clipGrad >= 0}.
     *
     * @param grad the gradient (not changed)
     * @param weight the weight
     * @param weightDecay the weight decay
     * @return a new array the caller closes
     */
    protected NDArray preprocess(NDArray grad, NDArray weight, float weightDecay) {
        NDArray g = rescaleGrad != 1f ? grad.mul(rescaleGrad) : grad.duplicate();
        if (clipGrad >= 0f) {
            NDArray clipped = g.clip(-clipGrad, clipGrad);
            g.close();
            g = clipped;
        }
        if (weightDecay != 0f) {
            try (NDArray decay = weight.mul(weightDecay)) {
                g.addi(decay);
            }
        }
        return g;
    }

    /**
     * Writes the state of the first device of every parameter: version byte, slot count, then per
     * slot the parameter count and (id, encoded array) pairs. The update count (Adam's {@code t})
     * is private to DJL's {@link Optimizer} and not saved: restore it with {@code
     * optBeginNumUpdate} on the builder.
     *
     * @param os the stream
     * @throws IOException if writing fails
     */
    public void saveState(DataOutputStream os) throws IOException {
        os.writeByte(STATE_VERSION);
        os.writeInt(slots.size());
        for (Map<String, Map<Device, NDArray>> slot : slots) {
            os.writeInt(slot.size());
            for (Map.Entry<String, Map<Device, NDArray>> e : slot.entrySet()) {
                os.writeUTF(e.getKey());
                byte[] bytes = e.getValue().values().iterator().next().encode();
                os.writeInt(bytes.length);
                os.write(bytes);
            }
        }
    }

    /**
     * Reads a state written by {@link #saveState(DataOutputStream)}, replacing the current one.
     * Arrays are created on {@code manager}'s device and moved to other devices on first use.
     *
     * @param is the stream
     * @param manager where to create the arrays (they live as long as it)
     * @throws IOException if reading fails or the version or slot count does not match
     */
    public void loadState(DataInputStream is, NDManager manager) throws IOException {
        byte version = is.readByte();
        if (version != STATE_VERSION) {
            throw new IOException("unsupported optimizer state version " + version);
        }
        int count = is.readInt();
        if (count != slots.size()) {
            throw new IOException("expected " + slots.size() + " state slots, found " + count);
        }
        for (Map<String, Map<Device, NDArray>> slot : slots) {
            slot.clear();
            int n = is.readInt();
            for (int i = 0; i < n; i++) {
                String id = is.readUTF();
                byte[] bytes = new byte[is.readInt()];
                is.readFully(bytes);
                NDArray array = NDArray.decode(manager, bytes);
                Map<Device, NDArray> byDevice = new ConcurrentHashMap<>();
                byDevice.put(array.getDevice(), array);
                slot.put(id, byDevice);
            }
        }
    }

    /**
     * Settings shared by the quantised-state optimizers.
     *
     * @param <T> the concrete builder
     */
    @SuppressWarnings("rawtypes")
    public abstract static class BaseBuilder<T extends BaseBuilder> extends OptimizerBuilder<T> {

        ParameterPrecisions precisions = ParameterPrecisions.fp32();
        TensorQuantizer quantizer = Quantizers.best();
        long seed;

        /** Creates a builder. */
        protected BaseBuilder() {}

        /**
         * Sets the precisions; only {@link TensorRole#OPTIMIZER_STATE} is read (default FP32).
         *
         * @param precisions the precisions
         * @return this builder
         */
        public T optPrecisions(ParameterPrecisions precisions) {
            this.precisions = precisions;
            return self();
        }

        /**
         * Sets the quantiser (default {@link Quantizers#best()}).
         *
         * @param quantizer the quantiser
         * @return this builder
         */
        public T optQuantizer(TensorQuantizer quantizer) {
            this.quantizer = quantizer;
            return self();
        }

        /**
         * Sets the seed of stochastic rounding (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public T optSeed(long seed) {
            this.seed = seed;
            return self();
        }

        /** Checks the shared settings. */
        protected void validate() {
            if (precisions == null) {
                throw new IllegalArgumentException("precisions must not be null");
            }
            if (quantizer == null) {
                throw new IllegalArgumentException("quantizer must not be null");
            }
        }
    }
}
