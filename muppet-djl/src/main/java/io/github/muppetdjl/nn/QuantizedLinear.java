/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteCore;

/**
 * A {@link Linear} layer whose weight, input and output are quantised in the forward pass (with the
 * straight-through estimator in training, so gradients flow as in FP32). Being a subclass, it has
 * the same parameters, version and metadata: parameter files load in both directions between {@code
 * Linear} and {@code QuantizedLinear}.
 *
 * <p>A controller's policy sets the weight slot from {@link TensorRole#WEIGHT}; the input and
 * output slots keep what the builder set (activations are usually the sites' job).
 */
public class QuantizedLinear extends Linear implements QuantizedLayer {

    private final SiteCore core;

    /**
     * Creates the layer.
     *
     * @param builder the builder
     */
    protected QuantizedLinear(Builder builder) {
        super(builder);
        core = new SiteCore(builder.name, "Linear");
        LayerMath.set(core, builder.precisions);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies {@code Linear.linear} to quantised operands and quantises the result: the functional
     * twin of this block. Quantisation uses the straight-through estimator where an operand
     * requires a gradient.
     *
     * @param input the input, shape (…, in)
     * @param weight the weight, shape (units, in)
     * @param bias the bias, shape (units), or {@code null}
     * @param precisions the three precision slots
     * @param quantizer the quantiser
     * @param seed the seed
     * @param step the training step
     * @param siteIndex the site index keying the random streams
     * @return the output, shape (…, units)
     */
    public static NDList linear(
            NDArray input,
            NDArray weight,
            NDArray bias,
            LayerPrecisions precisions,
            TensorQuantizer quantizer,
            long seed,
            long step,
            int siteIndex) {
        NDArray x =
                LayerMath.ste(
                        input,
                        precisions.input(),
                        quantizer,
                        LayerMath.key(seed, step, siteIndex, TensorRole.ACTIVATION.ordinal()),
                        input.getManager());
        NDArray w =
                LayerMath.ste(
                        weight,
                        precisions.weight(),
                        quantizer,
                        LayerMath.key(seed, step, siteIndex, TensorRole.WEIGHT.ordinal()),
                        input.getManager());
        NDArray y = Linear.linear(x, w, bias).singletonOrThrow();
        return new NDList(
                LayerMath.ste(
                        y,
                        precisions.output(),
                        quantizer,
                        LayerMath.key(seed, step, siteIndex, SiteContext.OUTPUT_SLOT),
                        input.getManager()));
    }

    @Override
    public SiteCore core() {
        return core;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Parameter weightParam = parameters.get("weight");
        Parameter biasParam = parameters.get("bias");
        NDArray w = parameterStore.getValue(weightParam, input.getDevice(), training);
        NDArray b =
                biasParam == null
                        ? null
                        : parameterStore.getValue(biasParam, input.getDevice(), training);
        NDArray x = LayerMath.input(core, input, training);
        NDArray y =
                Linear.linear(x, LayerMath.weight(core, w, training, input.getManager()), b)
                        .singletonOrThrow();
        return new NDList(LayerMath.output(core, y, training));
    }

    /** Builds a {@link QuantizedLinear}; all slots default to FP32. */
    public static final class Builder extends Linear.Builder {

        private String name;
        private LayerPrecisions precisions = LayerPrecisions.FP32;

        Builder() {}

        @Override
        public Builder setUnits(long units) {
            super.setUnits(units);
            return this;
        }

        @Override
        public Builder optBias(boolean bias) {
            super.optBias(bias);
            return this;
        }

        /**
         * Names the layer for policy resolution (unnamed layers are named by their path).
         *
         * @param value the name
         * @return this builder
         */
        public Builder optName(String value) {
            name = value;
            return this;
        }

        /**
         * Sets the precision slots.
         *
         * @param value the slots
         * @return this builder
         */
        public Builder optPrecisions(LayerPrecisions value) {
            precisions = value;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         */
        @Override
        public QuantizedLinear build() {
            if (units <= 0) {
                throw new IllegalArgumentException("units must be > 0, got " + units);
            }
            if (precisions == null) {
                throw new IllegalArgumentException("precisions must not be null");
            }
            return new QuantizedLinear(this);
        }
    }
}
