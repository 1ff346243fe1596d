/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.site.SiteContext;

/** Configures a {@link QuantizedOptimizer}. */
public final class QuantizedOptimizerBuilder
        extends Optimizer.OptimizerBuilder<QuantizedOptimizerBuilder> {

    Optimizer inner;
    ParameterPrecisions precisions = ParameterPrecisions.fp32();
    Precision masterPrecision = Precision.FP32;
    TensorQuantizer quantizer = Quantizers.best();
    long seed;
    SiteContext weightOwner;

    QuantizedOptimizerBuilder() {}

    @Override
    protected QuantizedOptimizerBuilder self() {
        return this;
    }

    /**
     * Sets the optimizer that updates the master weights (required).
     *
     * @param optimizer any DJL optimizer, or a {@link QuantizedStateOptimizer}
     * @return this builder
     */
    public QuantizedOptimizerBuilder setOptimizer(Optimizer optimizer) {
        this.inner = optimizer;
        return this;
    }

    /**
     * Sets the precisions (default FP32 everywhere).
     *
     * @param precisions the precisions
     * @return this builder
     */
    public QuantizedOptimizerBuilder optPrecisions(ParameterPrecisions precisions) {
        this.precisions = precisions;
        return this;
    }

    /**
     * Sets the master precision (default FP32; {@code fp16/stochastic} for FP8 training).
     *
     * @param masterPrecision the precision the master is re-rounded to after each update
     * @return this builder
     */
    public QuantizedOptimizerBuilder optMasterPrecision(Precision masterPrecision) {
        this.masterPrecision = masterPrecision;
        return this;
    }

    /**
     * Sets the quantiser (default {@link Quantizers#best()}).
     *
     * @param quantizer the quantiser
     * @return this builder
     */
    public QuantizedOptimizerBuilder optQuantizer(TensorQuantizer quantizer) {
        this.quantizer = quantizer;
        return this;
    }

    /**
     * Sets the context of the layers that use the weights this wrapper writes (default none: the
     * layers always quantise their weights themselves). The wrapper then declares on it that it
     * owns the weights ({@link SiteContext#setWeightsOwnedByOptimizer(boolean)}) once every live
     * weight holds its quantised master: after {@link QuantizedOptimizer#refreshWeights} found
     * every trained parameter initialised, or after its first applied update. Until then (a fresh
     * model's first batch) the layers quantise their weights themselves.
     *
     * @param context the context the model's quantised layers are bound to
     * @return this builder
     */
    public QuantizedOptimizerBuilder optWeightOwner(SiteContext context) {
        this.weightOwner = context;
        return this;
    }

    /**
     * Sets the seed of stochastic rounding (default 0).
     *
     * @param seed the seed
     * @return this builder
     */
    public QuantizedOptimizerBuilder optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Builds the optimizer.
     *
     * @return the optimizer
     * @throws IllegalArgumentException if the inner optimizer is missing, a setting is null, or the
     *     wrapper's own rescale, clipping or weight decay were set
     */
    public QuantizedOptimizer build() {
        if (inner == null) {
            throw new IllegalArgumentException("optimizer must be set");
        }
        if (inner instanceof QuantizedOptimizer) {
            throw new IllegalArgumentException("optimizer must not be a QuantizedOptimizer");
        }
        if (precisions == null || masterPrecision == null || quantizer == null) {
            throw new IllegalArgumentException(
                    "precisions, masterPrecision and quantizer must not be null");
        }
        return new QuantizedOptimizer(this);
    }
}
