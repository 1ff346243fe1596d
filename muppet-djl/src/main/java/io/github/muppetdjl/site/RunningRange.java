/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import ai.djl.ndarray.NDArray;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.kernel.RangeQuantizer;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.RandomStream;

/**
 * The running range of a site's activations under CPT's per-tensor range quantiser
 * (docs/algorithms.md §6.5): every training forward folds the batch's minimum and maximum into an
 * exponential average with momentum 0.9 ({@code r = 0.9 r + 0.1 batch}), and evaluation quantises
 * over that average instead of the batch's own range, so a prediction does not depend on the other
 * samples of its batch. Our choice: the first batch sets the average (the paper's code starts it at
 * zero), and evaluation before any training batch uses the batch's own range. Batches holding NaN
 * or ±Infinity are not folded in.
 *
 * <p>One per site and device ({@link SiteState#runningRange()}); not part of checkpoints.
 * Thread-safe.
 */
public final class RunningRange {

    /** The weight of the old average in each update. */
    public static final double MOMENTUM = 0.9;

    private double lo;
    private double hi;
    private boolean seen;

    /**
     * Folds a batch's range into the average.
     *
     * @param batchLo the batch minimum
     * @param batchHi the batch maximum
     */
    public synchronized void observe(float batchLo, float batchHi) {
        if (!Float.isFinite(batchLo) || !Float.isFinite(batchHi)) {
            return;
        }
        if (!seen) {
            lo = batchLo;
            hi = batchHi;
            seen = true;
        } else {
            lo = MOMENTUM * lo + (1 - MOMENTUM) * batchLo;
            hi = MOMENTUM * hi + (1 - MOMENTUM) * batchHi;
        }
    }

    /**
     * Returns the averaged range.
     *
     * @return {@code {lo, hi}} as floats, or null before the first training batch
     */
    public synchronized float[] range() {
        return seen ? new float[] {(float) lo, (float) hi} : null;
    }

    /**
     * Whether a precision is CPT's per-tensor range quantiser, the one that keeps a running range.
     *
     * @param p the precision
     * @return true for {@code range(b)} formats
     */
    static boolean tracks(Precision p) {
        return p.format() instanceof RangeLinear r && r.block() instanceof Block.Tensor;
    }

    /**
     * Quantises an activation the way CPT does: in training over the batch's range (folding it into
     * the average), in evaluation over the average; other precisions go to {@link
     * SiteCore#quantizeForward(NDArray, TensorRole, RandomStream, Precision, boolean)} unchanged.
     *
     * @param core the site
     * @param x the activation
     * @param stream the random stream
     * @param p the precision
     * @param training whether this is a training forward
     * @param ste whether to keep the gradient path (training only)
     * @return the quantised activation
     */
    public static NDArray quantizeActivation(
            SiteCore core,
            NDArray x,
            RandomStream stream,
            Precision p,
            boolean training,
            boolean ste) {
        if (!tracks(p) || x.size() == 0) {
            return core.quantizeForward(x, TensorRole.ACTIVATION, stream, p, ste);
        }
        SiteState state = core.state(x.getDevice());
        RunningRange running = state.runningRange();
        if (training) {
            try (NDArray min = x.min();
                    NDArray max = x.max()) {
                running.observe(min.getFloat(), max.getFloat());
            }
            return core.quantizeForward(x, TensorRole.ACTIVATION, stream, p, ste);
        }
        float[] r = running.range();
        if (r == null) {
            return core.quantizeForward(x, TensorRole.ACTIVATION, stream, p, false);
        }
        return RangeQuantizer.quantizeInRange(
                x,
                (RangeLinear) p.format(),
                p.rounding(),
                r[0],
                Math.max(r[0], r[1]),
                core.key(stream),
                state.stats(TensorRole.ACTIVATION));
    }
}
