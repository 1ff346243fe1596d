/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import io.github.muppetdjl.quant.cost.ComputeLayer;
import io.github.muppetdjl.quant.cost.LayerKind;
import io.github.muppetdjl.quant.cost.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives the cost model's {@link Network} from an initialised DJL block by following the shapes of
 * one sample through it (docs/algorithms.md §8.1). Every convolution and {@code Linear} found
 * becomes a compute layer named by its path in the block tree, the name its quantisation sites
 * carry, so a recipe's policy resolves the same precisions for the cost model as in training.
 *
 * <p>Sequential blocks are followed child by child; each branch of a parallel block (a residual
 * unit) gets the block's input. Any other block is passed by its own {@code getOutputShapes}; the
 * convolutions inside a custom container that is neither sequential nor parallel are therefore not
 * counted, and a network with none found is refused.
 */
public final class BlockNetwork {

    private BlockNetwork() {}

    /**
     * Derives the network.
     *
     * @param root the model's block, initialised
     * @param input the shape of one input sample with a batch dimension of 1, e.g. {@code (1, 1,
     *     28, 28)}
     * @return the network
     * @throws IllegalArgumentException if the block holds no convolution or dense layer
     */
    public static Network of(Block root, Shape input) {
        if (root == null || input == null) {
            throw new IllegalArgumentException("root and input must not be null");
        }
        List<ComputeLayer> layers = new ArrayList<>();
        walk(root, "", input, layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(
                    "found no convolution or Linear layer in " + root.getClass().getSimpleName());
        }
        return Network.of(root.getClass().getSimpleName(), layers);
    }

    private static Shape walk(Block b, String path, Shape in, List<ComputeLayer> out) {
        if (b instanceof Convolution || b instanceof Linear) {
            Shape y = b.getOutputShapes(new Shape[] {in})[0];
            long weights = weightCount(b);
            long outputs = y.size();
            boolean conv = b instanceof Convolution;
            // A conv's MACs: each output element reads (kernel x input channels / groups) =
            // weights / output channels values; a dense layer's: one per weight per sample row.
            long macs = conv ? outputs * (weights / y.get(1)) : weights * (in.size() / in.tail());
            String name = path.isEmpty() ? b.getClass().getSimpleName() : path;
            out.add(
                    new ComputeLayer(
                            name,
                            conv ? LayerKind.CONV : LayerKind.DENSE,
                            macs,
                            weights,
                            in.size(),
                            outputs));
            return y;
        }
        if (b instanceof SequentialBlock) {
            Shape s = in;
            for (Pair<String, Block> c : b.getChildren()) {
                s = walk(c.getValue(), child(path, c.getKey()), s, out);
            }
            return s;
        }
        if (b instanceof ParallelBlock) {
            for (Pair<String, Block> c : b.getChildren()) {
                walk(c.getValue(), child(path, c.getKey()), in, out);
            }
        }
        return b.getOutputShapes(new Shape[] {in})[0];
    }

    private static long weightCount(Block b) {
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                return p.getValue().getArray().getShape().size();
            }
        }
        throw new IllegalArgumentException(
                b.getClass().getSimpleName() + " has no initialised weight");
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
