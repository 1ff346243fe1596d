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
import io.github.muppetdjl.site.WeightMarks;

/**
 * One update through the master copy: unscale, quantise the gradient, update the master with the
 * inner optimizer, re-round the master, write the quantised weight. See {@link QuantizedOptimizer}.
 */
final class MasterPath {

    /** Slot of the generator key used when a master is first rounded (distinct from updates). */
    private static final int CREATION_SLOT = 1;

    private final Optimizer inner;
    private final MasterWeights masters;
    private final TensorQuantizer quantizer;
    private final RoleStatistics stats;
    private final long seed;
    private final WeightMarks marks;

    MasterPath(
            Optimizer inner,
            MasterWeights masters,
            TensorQuantizer quantizer,
            RoleStatistics stats,
            long seed,
            WeightMarks marks) {
        this.inner = inner;
        this.masters = masters;
        this.quantizer = quantizer;
        this.stats = stats;
        this.seed = seed;
        this.marks = marks;
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
        boolean[] created = new boolean[1];
        NDArray master = masters.getOrCreate(id, weight, created);
        if (created[0] && !masterPrecision.isIdentity()) {
            quantize(master, masterPrecision, step, id, TensorRole.MASTER_WEIGHT, CREATION_SLOT);
        }
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
                long key = ArrayOps.key(seed, step, id, TensorRole.WEIGHT_GRADIENT, 0);
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
            quantize(master, masterPrecision, step, id, TensorRole.MASTER_WEIGHT, 0);
        }
        if (weightPrecision.isIdentity()) {
            ArrayOps.copyInto(master, weight);
        } else {
            // One pass from the master into the live weight, not a copy and an in-place pass.
            long key = ArrayOps.key(seed, step, id, TensorRole.WEIGHT, 0);
            quantizer.quantizeInto(
                    master, weight, weightPrecision, key, stats.get(id, TensorRole.WEIGHT));
            if (marks != null) {
                marks.mark(weight, weightPrecision);
            }
        }
    }

    private StatsAccumulator stats(String id) {
        return stats.get(id, TensorRole.WEIGHT_GRADIENT);
    }

    private void quantize(NDArray x, Precision p, long step, String id, TensorRole role, int slot) {
        long key = ArrayOps.key(seed, step, id, role, slot);
        quantizer.quantizeInPlace(x, p, key, stats.get(id, role));
    }
}
