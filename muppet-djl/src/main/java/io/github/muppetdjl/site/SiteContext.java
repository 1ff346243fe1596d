/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime context shared by all quantisation points of one model: which quantiser runs, the
 * random seed, the current training step, a sequence counter that orders error cuts, and whether an
 * optimizer wrapper owns the weights.
 *
 * <p>Thread-safe. A point that was never bound to a controller uses its own default context: seed
 * 0, step 0, {@link Quantizers#best()}, and no error cuts (without a listener nobody would complete
 * them).
 */
public final class SiteContext {

    private final TensorQuantizer quantizer;
    private final long seed;
    private final boolean errorCuts;
    private final AtomicLong step = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger epoch =
            new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean weightsOwnedByOptimizer;

    /**
     * Creates a context.
     *
     * @param quantizer the tensor quantiser
     * @param seed the seed of every stochastic rounding decision
     * @param errorCuts whether sites may cut the graph to quantise errors; only true when a
     *     listener completes the error passes after each backward
     */
    public SiteContext(TensorQuantizer quantizer, long seed, boolean errorCuts) {
        if (quantizer == null) {
            throw new IllegalArgumentException("quantizer must not be null");
        }
        this.quantizer = quantizer;
        this.seed = seed;
        this.errorCuts = errorCuts;
    }

    /**
     * Returns a context with no error cuts, seed 0 and the default quantiser.
     *
     * @return a fresh standalone context
     */
    public static SiteContext standalone() {
        return new SiteContext(Quantizers.best(), 0L, false);
    }

    /**
     * Returns the quantiser.
     *
     * @return the quantiser
     */
    public TensorQuantizer quantizer() {
        return quantizer;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns whether sites may cut the graph to quantise errors.
     *
     * @return true when a listener completes the error passes
     */
    public boolean errorCuts() {
        return errorCuts;
    }

    /**
     * Returns the current training step (batches completed so far).
     *
     * @return the step
     */
    public long step() {
        return step.get();
    }

    /**
     * Sets the current training step, e.g. when resuming.
     *
     * @param value the step, at least 0
     */
    public void setStep(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + value);
        }
        step.set(value);
    }

    /**
     * Advances the step by one; called once per batch by the training listener.
     *
     * @return the new step
     */
    public long advanceStep() {
        return step.incrementAndGet();
    }

    /**
     * Returns the number of epochs completed (the 0-based index of the epoch being trained). The
     * training listener counts steps and epochs here, and nowhere else.
     *
     * @return the epoch
     */
    public int epoch() {
        return epoch.get();
    }

    /**
     * Sets the number of epochs completed, e.g. when resuming.
     *
     * @param value the epochs, at least 0
     */
    public void setEpoch(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + value);
        }
        epoch.set(value);
    }

    /**
     * Advances the epoch by one; called once per epoch by the training listener.
     *
     * @return the epoch that ended
     */
    public int advanceEpoch() {
        return epoch.getAndIncrement();
    }

    /**
     * Returns whether an optimizer wrapper owns the weights of the layers bound to this context.
     *
     * @return true when the layers use their weights as they are
     */
    public boolean weightsOwnedByOptimizer() {
        return weightsOwnedByOptimizer;
    }

    /**
     * Declares whether an optimizer wrapper ({@code QuantizedOptimizer}) owns the weights. While it
     * does, every live weight already holds its master quantised to the current weight precision
     * (the wrapper writes it after each update, and {@code refreshWeights} rewrites it whenever
     * training attaches or the policy changes), so the quantised layers bound to this context use
     * their weight as it is: no second quantisation and no straight-through estimator, the gradient
     * reaches the weight directly. Otherwise (the default, and layers used standalone) each layer
     * quantises its weight itself in every forward. The wrapper that {@code QuantizedTraining.wrap}
     * creates sets this as soon as it has written every weight; the layers' weight precision and
     * the wrapper's come from the same policy, which is what makes the two agree.
     *
     * @param owned whether the optimizer owns the weights
     */
    public void setWeightsOwnedByOptimizer(boolean owned) {
        weightsOwnedByOptimizer = owned;
    }

    /**
     * Returns the next value of the cut sequence, which orders error cuts in forward order.
     *
     * @return a strictly increasing number
     */
    public long nextSequence() {
        return sequence.getAndIncrement();
    }

    /**
     * Returns the generator key of one stream of one site at the current step: {@code
     * StreamKeys.key(seed, step, nameHash, stream, 0)}.
     *
     * @param nameHash {@link StreamKeys#nameHash(String)} of the site's name
     * @param stream the stream
     * @return the key
     */
    public long key(long nameHash, RandomStream stream) {
        return StreamKeys.key(seed, step.get(), nameHash, stream, 0);
    }
}
