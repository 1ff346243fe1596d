/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;
import io.github.muppetdjl.site.SiteCore;

/**
 * A {@link Conv2d} layer whose weight, input and output are quantised in the forward pass (with the
 * straight-through estimator in training). Being a subclass, it has the same parameters, version
 * and metadata: parameter files load in both directions between {@code Conv2d} and {@code
 * QuantizedConv2d}.
 *
 * <p>Precisions: used standalone, the layer keeps the three slots its builder set. Once a
 * controller ({@code QuantizedTraining}) attaches, its policy overrides the weight slot with its
 * {@link TensorRole#WEIGHT} precision (and the controller's optimizer wrapper writes the weights at
 * that precision, which the layer then uses as they are; see {@link
 * io.github.muppetdjl.site.SiteContext#weightsOwnedByOptimizer()}); the input and output slots keep
 * what the builder set, since the sites around the layer carry the activation and error precisions.
 */
public class QuantizedConv2d extends Conv2d implements QuantizedLayer {

    private final SiteCore core;
    private final IntegerPath integer;

    /**
     * Creates the layer.
     *
     * @param builder the builder
     */
    protected QuantizedConv2d(Builder builder) {
        super(builder);
        core = new SiteCore(builder.name, "Conv2d");
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
     * Applies {@code Conv2d.conv2d} to quantised operands and quantises the result: the functional
     * twin of this block (straight-through estimator where an operand requires a gradient).
     *
     * @param input the input, layout NCHW
     * @param weight the weight
     * @param bias the bias, or {@code null}
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param groups the number of groups
     * @param precisions the three precision slots
     * @param quantizer the quantiser
     * @param seed the seed
     * @param step the training step
     * @param siteName the site name keying the random streams ({@link StreamKeys})
     * @return the output
     */
    public static NDList conv2d(
            NDArray input,
            NDArray weight,
            NDArray bias,
            Shape stride,
            Shape padding,
            Shape dilation,
            int groups,
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
        NDArray y = Conv2d.conv2d(x, w, bias, stride, padding, dilation, groups).singletonOrThrow();
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
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b =
                bias == null ? null : parameterStore.getValue(bias, input.getDevice(), training);
        NDArray x = LayerMath.input(core, input, training);
        if (groups == 1 && integer.active(core)) {
            NDArray y =
                    integer.forward(
                            core, new ConvProduct(stride, padding, dilation), x, w, b, training);
            return new NDList(LayerMath.output(core, y, training));
        }
        NDArray y =
                Conv2d.conv2d(
                                x,
                                LayerMath.weight(core, w, training, input.getManager()),
                                b,
                                stride,
                                padding,
                                dilation,
                                groups)
                        .singletonOrThrow();
        return new NDList(LayerMath.output(core, y, training));
    }

    /**
     * Builds a {@link QuantizedConv2d} with DJL's {@code Conv2d} options and defaults; all slots
     * default to FP32.
     */
    public static final class Builder extends Conv2d.Builder {

        private String name;
        private LayerPrecisions precisions = LayerPrecisions.FP32;
        private IntegerArithmetic integerArithmetic;

        Builder() {}

        /**
         * Sets the kernel shape.
         *
         * @param value the shape
         * @return this builder
         */
        @Override
        public Builder setKernelShape(Shape value) {
            super.setKernelShape(value);
            return this;
        }

        /**
         * Sets the number of filters.
         *
         * @param value the count
         * @return this builder
         */
        @Override
        public Builder setFilters(int value) {
            super.setFilters(value);
            return this;
        }

        /**
         * Sets the stride.
         *
         * @param value the stride
         * @return this builder
         */
        @Override
        public Builder optStride(Shape value) {
            super.optStride(value);
            return this;
        }

        /**
         * Sets the padding.
         *
         * @param value the padding
         * @return this builder
         */
        @Override
        public Builder optPadding(Shape value) {
            super.optPadding(value);
            return this;
        }

        /**
         * Sets the dilation.
         *
         * @param value the dilation
         * @return this builder
         */
        @Override
        public Builder optDilation(Shape value) {
            super.optDilation(value);
            return this;
        }

        /**
         * Sets the number of groups.
         *
         * @param value the count
         * @return this builder
         */
        @Override
        public Builder optGroups(int value) {
            super.optGroups(value);
            return this;
        }

        /**
         * Sets whether the layer has a bias.
         *
         * @param value true for a bias
         * @return this builder
         */
        @Override
        public Builder optBias(boolean value) {
            super.optBias(value);
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
         * off). Needs {@code groups == 1}; a grouped convolution ignores it.
         *
         * @param value the arithmetic, or {@code null} for none
         * @return this builder
         */
        public Builder optIntegerArithmetic(IntegerArithmetic value) {
            integerArithmetic = value;
            return this;
        }

        /**
         * Builds the layer, validating the options as DJL does.
         *
         * @return the layer
         */
        @Override
        public QuantizedConv2d build() {
            if (precisions == null) {
                throw new IllegalArgumentException("precisions must not be null");
            }
            validate();
            return new QuantizedConv2d(this);
        }
    }
}
