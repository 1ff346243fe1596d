/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The compute layers of a network, in forward order, for the cost model. Only conv and dense layers
 * are listed: pooling, activation functions and the loss cost no multiply-accumulates and are left
 * out of the model (their traffic too, see {@link CostModel}).
 *
 * <p>Build one by tracking shapes through {@link #builder()}, or list the layers by hand with
 * {@link #of}.
 */
public final class Network {

    private final String name;
    private final List<ComputeLayer> layers;

    private Network(String name, List<ComputeLayer> layers) {
        this.name = name;
        this.layers = List.copyOf(layers);
    }

    /**
     * Creates a network from layers counted by hand.
     *
     * @param name a label for reports; not empty
     * @param layers the layers in forward order; at least one
     * @return the network
     */
    public static Network of(String name, List<ComputeLayer> layers) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers must hold at least one layer");
        }
        return new Network(name, layers);
    }

    /**
     * Creates a builder that tracks the activation shape from the input onwards.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The small CNN the {@code race} trains on 28x28x1 Fashion-MNIST: {@code conv1} (32 filters,
     * 3x3, padding 1, stride 1) - 2x2 max pool - {@code conv2} (64, 3x3, padding 1) - 2x2 max pool
     * - {@code fc1} (128) - {@code fc2} (10). Padding 1 keeps 28x28 and 14x14, so the pools give
     * 14x14x32 and 7x7x64 = 3136 inputs to {@code fc1}.
     *
     * <p>MACs per sample: conv1 28·28·32·9 = 225,792; conv2 14·14·64·288 = 3,612,672; fc1 3136·128
     * = 401,408; fc2 128·10 = 1,280; total 4,241,152.
     *
     * @return the network
     */
    public static Network smallCnn() {
        return builder()
                .optName("cnn-c32-c64-f128-f10")
                .setInput(28, 28, 1)
                .addConv("conv1", 32, 3, 1)
                .addPool(2)
                .addConv("conv2", 64, 3, 1)
                .addPool(2)
                .addDense("fc1", 128)
                .addDense("fc2", 10)
                .build();
    }

    /**
     * The CIFAR-10 ResNet-20 of He et al. (2016, section 4.2) on 32x32x3 images: {@code conv1} (16
     * filters, 3x3), three stages of three residual blocks with two 3x3 convolutions each (16, 32
     * and 64 filters on 32x32, 16x16 and 8x8 maps; the first convolution of stages 2 and 3 has
     * stride 2), global average pooling and {@code fc} (10). Shortcuts are parameter-free (option
     * A: identity, subsampled and zero-padded where the shape changes), so the 19 convolutions and
     * the dense layer are the only compute layers; the element-wise shortcut additions are left out
     * as all non-product work is (see {@link CostModel}). This is the network MuPPET's CIFAR
     * results use (Rajagopal et al., ICML 2020).
     *
     * <p>MACs per sample: 442,368 + 6 x 2,359,296 + 1,179,648 + 5 x 2,359,296 + 1,179,648 + 5 x
     * 2,359,296 + 640 = 40,551,040.
     *
     * @return the network
     */
    public static Network cifarResNet20() {
        Builder b =
                builder().optName("resnet20-cifar").setInput(32, 32, 3).addConv("conv1", 16, 3, 1);
        int[] filters = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int unit = 0; unit < 3; unit++) {
                String prefix = "stage" + (stage + 1) + ".unit" + (unit + 1);
                int stride = stage > 0 && unit == 0 ? 2 : 1;
                b.addConv(prefix + ".conv1", filters[stage], 3, 1, stride);
                b.addConv(prefix + ".conv2", filters[stage], 3, 1);
            }
        }
        return b.addPool(8).addDense("fc", 10).build();
    }

    /**
     * Returns the label.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the compute layers in forward order.
     *
     * @return an immutable list
     */
    public List<ComputeLayer> layers() {
        return layers;
    }

    /**
     * Returns the forward multiply-accumulates of one sample, over all layers.
     *
     * @return the sum of {@link ComputeLayer#macsPerSample()}
     */
    public long macsPerSample() {
        return layers.stream().mapToLong(ComputeLayer::macsPerSample).sum();
    }

    /**
     * Returns the number of weights (biases excluded).
     *
     * @return the sum of {@link ComputeLayer#weightCount()}
     */
    public long weightCount() {
        return layers.stream().mapToLong(ComputeLayer::weightCount).sum();
    }

    /** Returns {@code name[layer, layer, ...]}. */
    @Override
    public String toString() {
        return name + layers.stream().map(ComputeLayer::name).toList();
    }

    /** Builds a {@link Network} by tracking the activation shape (height, width, channels). */
    public static final class Builder {

        private String name = "network";
        private int height;
        private int width;
        private int channels;
        private final List<ComputeLayer> layers = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the label (default {@code network}).
         *
         * @param name not empty
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the input shape; required, and before any layer.
         *
         * @param height at least 1
         * @param width at least 1
         * @param channels at least 1
         * @return this builder
         */
        public Builder setInput(int height, int width, int channels) {
            if (height < 1 || width < 1 || channels < 1) {
                throw new IllegalArgumentException(
                        "input height, width and channels must be at least 1, got "
                                + height
                                + "x"
                                + width
                                + "x"
                                + channels);
            }
            if (!layers.isEmpty()) {
                throw new IllegalStateException("setInput must come before the first layer");
            }
            this.height = height;
            this.width = width;
            this.channels = channels;
            return this;
        }

        /**
         * Adds a square convolution with stride 1: the output is {@code (h + 2p - k + 1)} high and
         * wide with {@code filters} channels.
         *
         * @param name the site name; not empty
         * @param filters output channels; at least 1
         * @param kernel kernel height and width; at least 1
         * @param padding zero padding on each side; at least 0
         * @return this builder
         */
        public Builder addConv(String name, int filters, int kernel, int padding) {
            return addConv(name, filters, kernel, padding, 1);
        }

        /**
         * Adds a square convolution with a stride: the output is {@code floor((h + 2 padding -
         * kernel) / stride) + 1} high (and as wide).
         *
         * @param name the site name
         * @param filters output channels; at least 1
         * @param kernel kernel height and width; at least 1
         * @param padding zero padding on each side; at least 0
         * @param stride step between kernel positions; at least 1
         * @return this builder
         */
        public Builder addConv(String name, int filters, int kernel, int padding, int stride) {
            requireInput();
            if (stride < 1) {
                throw new IllegalArgumentException("stride must be at least 1, got " + stride);
            }
            if (filters < 1 || kernel < 1 || padding < 0) {
                throw new IllegalArgumentException(
                        "filters and kernel must be at least 1 and padding at least 0, got "
                                + filters
                                + ", "
                                + kernel
                                + ", "
                                + padding);
            }
            int h = Math.floorDiv(height + 2 * padding - kernel, stride) + 1;
            int w = Math.floorDiv(width + 2 * padding - kernel, stride) + 1;
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException(
                        "kernel " + kernel + " does not fit a " + height + "x" + width + " input");
            }
            long in = (long) height * width * channels;
            long out = (long) h * w * filters;
            long weights = (long) kernel * kernel * channels * filters;
            layers.add(
                    new ComputeLayer(
                            name,
                            LayerKind.CONV,
                            out * kernel * kernel * channels,
                            weights,
                            in,
                            out));
            height = h;
            width = w;
            channels = filters;
            return this;
        }

        /**
         * Adds a {@code size x size} pooling with stride {@code size} (floor): no compute layer,
         * only the shape changes.
         *
         * @param size at least 1 and at most the current height and width
         * @return this builder
         */
        public Builder addPool(int size) {
            requireInput();
            if (size < 1 || size > height || size > width) {
                throw new IllegalArgumentException(
                        "pool size must be in [1, " + Math.min(height, width) + "], got " + size);
            }
            height /= size;
            width /= size;
            return this;
        }

        /**
         * Adds a dense layer on the flattened activation.
         *
         * @param name the site name; not empty
         * @param units output units; at least 1
         * @return this builder
         */
        public Builder addDense(String name, int units) {
            requireInput();
            if (units < 1) {
                throw new IllegalArgumentException("units must be at least 1, got " + units);
            }
            long in = (long) height * width * channels;
            layers.add(new ComputeLayer(name, LayerKind.DENSE, in * units, in * units, in, units));
            height = 1;
            width = 1;
            channels = units;
            return this;
        }

        private void requireInput() {
            if (height == 0) {
                throw new IllegalStateException("setInput must be called before adding layers");
            }
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if no layer was added or the name is empty
         */
        public Network build() {
            return Network.of(name, layers);
        }
    }
}
