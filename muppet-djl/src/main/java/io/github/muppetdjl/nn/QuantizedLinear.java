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

import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;
import io.github.muppetdjl.site.SiteCore;

/**
 * A {@link Linear} layer whose weight, input and output are quantised in the forward pass (with the
 * straight-through estimator in training, so gradients flow as in FP32). Being a subclass, it has
 * the same parameters, version and metadata: parameter files load in both directions between {@code
 * Linear} and {@code QuantizedLinear}.
 *
 * <p>Precisions: used standalone, the layer keeps the three slots its builder set. Once a
 * controller ({@code QuantizedTraining}) attaches, its policy overrides the weight slot with its
 * {@link TensorRole#WEIGHT} precision (and the controller's optimizer wrapper writes the weights at
 * that precision, which the layer then uses as they are; see {@link
 * io.github.muppetdjl.site.SiteContext#weightsOwnedByOptimizer()}); the input and output slots keep
 * what the builder set, since the sites around the layer carry the activation and error precisions.
 */
public class QuantizedLinear extends Linear implements QuantizedLayer {

    private final SiteCore core;
    private final IntegerPath integer;

    /**
     * Creates the layer.
     *
     * @param builder the builder
     */
    protected QuantizedLinear(Builder builder) {
        super(builder);
        core = new SiteCore(builder.name, "Linear");
        LayerMath.set(core, builder.precisions);
        integer = new IntegerPath(builder.integerArithmetic);
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
     * @param siteName the site name keying the random streams ({@link StreamKeys})
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
            String siteName) {
        NDArray x =
                LayerMath.ste(
                        input,
                        precisions.input(),
                        quantizer,
                        StreamKeys.key(seed, step, siteName, RandomStream.ACTIVATION),
                        input.getManager());
        NDArray w =
                LayerMath.ste(
                        weight,
                        precisions.weight(),
                        quantizer,
                        StreamKeys.key(seed, step, siteName, RandomStream.WEIGHT),
                        input.getManager());
        NDArray y = Linear.linear(x, w, bias).singletonOrThrow();
        return new NDList(
                LayerMath.ste(
                        y,
                        precisions.output(),
                        quantizer,
                        StreamKeys.key(seed, step, siteName, RandomStream.OUTPUT),
                        input.getManager()));
    }

    @Override
    public SiteCore core() {
        return core;
    }

    @Override
    public IntegerPath integerPath() {
        return integer;
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
        if (integer.active(core)) {
            NDArray y = integer.forward(core, DenseProduct.INSTANCE, x, w, b, training);
            return new NDList(LayerMath.output(core, y, training));
        }
        NDArray y =
                Linear.linear(x, LayerMath.weight(core, w, training, input.getManager()), b)
                        .singletonOrThrow();
        return new NDList(LayerMath.output(core, y, training));
    }

    /** Builds a {@link QuantizedLinear}; all slots default to FP32. */
    public static final class Builder extends Linear.Builder {

        private String name;
        private LayerPrecisions precisions = LayerPrecisions.FP32;
        private IntegerArithmetic integerArithmetic;

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
         * Sets the precision slots (default all FP32). The weight slot is a default that a
         * controller's policy overrides once it attaches; the input and output slots are always
         * honoured.
         *
         * @param value the slots
         * @return this builder
         */
        public Builder optPrecisions(LayerPrecisions value) {
            precisions = value;
            return this;
        }

        /**
         * Computes the layer's three products in integer DFP16 arithmetic whenever the policy
         * quantises the layer's weight ({@link IntegerPath}, docs/algorithms.md §6.4; default:
         * off).
         *
         * @param value the arithmetic, or {@code null} for none
         * @return this builder
         */
        public Builder optIntegerArithmetic(IntegerArithmetic value) {
            integerArithmetic = value;
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
