/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.site.SiteCore;

/** Shared plumbing of the quantised layers and their functional twins. */
final class LayerMath {

    private LayerMath() {}

    /** Straight-through quantisation on bare arrays, as the functional twins use it. */
    static NDArray ste(
            NDArray x, Precision p, TensorQuantizer quantizer, long key, NDManager scope) {
        if (p.isIdentity()) {
            return x;
        }
        NDArray q = quantizer.quantize(x, p, key, null);
        if (q.getManager() != scope) {
            q.attach(scope);
        }
        return q.sub(x).stopGradient().add(x);
    }

    static NDArray input(SiteCore core, NDArray x, boolean training) {
        return core.quantizeForward(
                x,
                TensorRole.ACTIVATION,
                RandomStream.ACTIVATION,
                core.precision(TensorRole.ACTIVATION),
                training);
    }

    static NDArray weight(SiteCore core, NDArray w, boolean training, NDManager scope) {
        if (core.context().weightsOwnedByOptimizer()) {
            // The optimizer wrapper keeps w quantised to this slot's precision (both come from the
            // same policy): quantising again would copy the same values and add an STE to the
            // graph, while using w as it is lets the gradient reach it directly.
            return w;
        }
        return core.quantizeForward(
                w,
                TensorRole.WEIGHT,
                RandomStream.WEIGHT,
                core.precision(TensorRole.WEIGHT),
                training,
                scope);
    }

    static NDArray output(SiteCore core, NDArray y, boolean training) {
        return core.quantizeForward(
                y, TensorRole.ACTIVATION, RandomStream.OUTPUT, core.outputPrecision(), training);
    }

    static void set(SiteCore core, LayerPrecisions p) {
        core.setPrecision(TensorRole.WEIGHT, p.weight());
        core.setPrecision(TensorRole.ACTIVATION, p.input());
        core.setOutputPrecision(p.output());
    }

    static LayerPrecisions get(SiteCore core) {
        return new LayerPrecisions(
                core.precision(TensorRole.WEIGHT),
                core.precision(TensorRole.ACTIVATION),
                core.outputPrecision());
    }
}
