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
            requireInput();
            if (filters < 1 || kernel < 1 || padding < 0) {
                throw new IllegalArgumentException(
                        "filters and kernel must be at least 1 and padding at least 0, got "
                                + filters
                                + ", "
                                + kernel
                                + ", "
                                + padding);
            }
            int h = height + 2 * padding - kernel + 1;
            int w = width + 2 * padding - kernel + 1;
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
