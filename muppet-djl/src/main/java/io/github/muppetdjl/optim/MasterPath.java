/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;

/**
 * One update through the master copy: unscale, quantise the gradient, update the master with the
 * inner optimizer, re-round the master, write the quantised weight; and the refresh of a live
 * weight from its master when precisions change. See {@link QuantizedOptimizer}. Every random
 * stream is keyed by the parameter's stable name ({@link StreamKeys}).
 */
final class MasterPath {

    private final Optimizer inner;
    private final MasterWeights masters;
    private final TensorQuantizer quantizer;
    private final RoleStatistics stats;
    private final long seed;

    MasterPath(
            Optimizer inner,
            MasterWeights masters,
            TensorQuantizer quantizer,
            RoleStatistics stats,
            long seed) {
        this.inner = inner;
        this.masters = masters;
        this.quantizer = quantizer;
        this.stats = stats;
        this.seed = seed;
    }

    void update(
            String id,
            NDArray weight,
            NDArray grad,
            float lossScale,
            long step,
            Precision gradientPrecision,
            Precision weightPrecision,
            Precision masterPrecision) {
        NDArray master = master(id, weight, step, masterPrecision);
        // On the CPU, DJL's only CPU device, the gradient is the parameter server's copy for this
        // one update, and nothing reads it afterwards (DJL's PyTorch optimizers clear it): it is
        // unscaled and quantised in place, which saves a copy of every gradient. On other devices
        // the updates of several devices share it, so it must not change there.
        boolean inPlace = Device.Type.CPU.equals(grad.getDevice().getDeviceType());
        NDArray g = grad;
        NDArray owned = null;
        try {
            if (lossScale != 1f) {
                g = inPlace ? grad.divi(lossScale) : (owned = grad.div(lossScale));
            }
            if (!gradientPrecision.isIdentity()) {
                long key = StreamKeys.key(seed, step, id, RandomStream.WEIGHT_GRADIENT);
                if (inPlace || owned != null) {
                    quantizer.quantizeInPlace(g, gradientPrecision, key, stats(id));
                } else {
                    g = owned = quantizer.quantize(grad, gradientPrecision, key, stats(id));
                }
            }
            inner.update(id, master, g);
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
        if (!masterPrecision.isIdentity()) {
            long key = StreamKeys.key(seed, step, id, RandomStream.MASTER_UPDATE);
            quantizer.quantizeInPlace(
                    master, masterPrecision, key, stats.get(id, TensorRole.MASTER_WEIGHT));
        }
        writeWeight(id, master, weight, step, weightPrecision);
    }

    /**
     * Makes the live weight its master quantised to {@code weightPrecision}, creating the master
     * from the weight (rounded to {@code masterPrecision}) if there is none; with every precision
     * at FP32 the master, if any, is copied back bit for bit and dropped instead.
     */
    void refresh(
            String id,
            NDArray weight,
            long step,
            Precision gradientPrecision,
            Precision weightPrecision,
            Precision masterPrecision) {
        if (gradientPrecision.isIdentity()
                && weightPrecision.isIdentity()
                && masterPrecision.isIdentity()) {
            NDArray existing = masters.get(id, weight.getDevice());
            if (existing != null) {
                ArrayOps.copyInto(existing, weight);
                masters.remove(id, weight.getDevice());
            }
            return;
        }
        writeWeight(id, master(id, weight, step, masterPrecision), weight, step, weightPrecision);
    }

    /** Returns the master, created from the weight and rounded on its own stream if new. */
    private NDArray master(String id, NDArray weight, long step, Precision masterPrecision) {
        boolean[] created = new boolean[1];
        NDArray master = masters.getOrCreate(id, weight, created);
        if (created[0] && !masterPrecision.isIdentity()) {
            long key = StreamKeys.key(seed, step, id, RandomStream.MASTER_CREATION);
            quantizer.quantizeInPlace(
                    master, masterPrecision, key, stats.get(id, TensorRole.MASTER_WEIGHT));
        }
        return master;
    }

    private void writeWeight(
            String id, NDArray master, NDArray weight, long step, Precision weightPrecision) {
        if (weightPrecision.isIdentity()) {
            ArrayOps.copyInto(master, weight);
        } else {
            // One pass from the master into the live weight, not a copy and an in-place pass.
            long key = StreamKeys.key(seed, step, id, RandomStream.WEIGHT);
            quantizer.quantizeInto(
                    master, weight, weightPrecision, key, stats.get(id, TensorRole.WEIGHT));
        }
    }

    private StatsAccumulator stats(String id) {
        return stats.get(id, TensorRole.WEIGHT_GRADIENT);
    }
}
