/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLayer;
import io.github.muppetdjl.site.QuantizationPoint;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a model's training tensors into {@link TensorGroup}s (docs/algorithms.md §6.6). The walk
 * visits the block tree in forward order: the children of a {@link SequentialBlock} in turn, the
 * branches of a {@link ParallelBlock} one after the other (each from the block's input) and then
 * its join, and any other block as one operation. Each operation adds its output activation (and
 * that activation's error) and its trainable parameters (and their gradients) to the current group;
 * a group closes after every operation whose block type is a closer (by default the convolutions
 * and {@code Linear}). Quantisation sites are not operations: each quantises the output of the
 * operation before it and joins that operation's group. Output shapes come from DJL's {@code
 * getOutputShapes} at the given input shapes, batch included.
 *
 * <p><b>Our choices:</b> operations after the last closer (a trailing activation, say) join the
 * last group rather than forming a group of their own; sites before the first operation join the
 * first group; parameters that need no gradient (a batch norm's running statistics) are not
 * training tensors and are left out.
 */
public final class TensorGroups {

    /** The block types that close a group by default: convolutions and dense layers. */
    public static final Set<String> DEFAULT_CLOSERS =
            Set.of("Conv1d", "Conv2d", "Conv3d", "Linear");

    private final Set<String> closers;
    private final Map<Parameter, String> parameterNames = new IdentityHashMap<>();
    private final Map<Parameter, String> owners = new IdentityHashMap<>();
    private final List<Open> closed = new ArrayList<>();
    private final List<String> leadingSites = new ArrayList<>();
    private Open current = new Open();
    private Open lastOperation;

    private TensorGroups(Set<String> closers) {
        this.closers = closers;
    }

    /**
     * Groups the tensors of an initialised model.
     *
     * @param root the model's block, initialised (converted or not)
     * @param inputShapes the shapes of the model's inputs, batch dimension first
     * @param closers the block types after which a group closes (a converted layer counts as the
     *     DJL type it stands for)
     * @return the groups in forward order, indexed from 0; empty for a model without operations
     * @throws IllegalArgumentException if an argument is null or empty
     * @throws IllegalStateException if a trainable parameter is not initialised
     */
    public static List<TensorGroup> of(Block root, List<Shape> inputShapes, Set<String> closers) {
        if (root == null || inputShapes == null || inputShapes.isEmpty() || closers == null) {
            throw new IllegalArgumentException(
                    "root, a non-empty list of input shapes and the closers are required");
        }
        TensorGroups t = new TensorGroups(Set.copyOf(closers));
        for (Pair<String, Parameter> p : root.getParameters()) {
            t.parameterNames.put(p.getValue(), p.getKey());
        }
        t.owners(root, "");
        t.walk(root, "", inputShapes.toArray(new Shape[0]));
        return t.finish();
    }

    private void owners(Block b, String path) {
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            owners.put(p.getValue(), name(b, path));
        }
        for (Pair<String, Block> c : b.getChildren()) {
            owners(c.getValue(), child(path, c.getKey()));
        }
    }

    private Shape[] walk(Block b, String path, Shape[] in) {
        if (b instanceof QuantizationSite) {
            String site = name(b, path);
            if (lastOperation == null) {
                leadingSites.add(site);
            } else {
                lastOperation.sites.add(site);
            }
            return in;
        }
        if (b instanceof SequentialBlock) {
            Shape[] shapes = in;
            for (Pair<String, Block> c : b.getChildren()) {
                shapes = walk(c.getValue(), child(path, c.getKey()), shapes);
            }
            return shapes;
        }
        if (b instanceof ParallelBlock) {
            for (Pair<String, Block> c : b.getChildren()) {
                walk(c.getValue(), child(path, c.getKey()), in);
            }
            Shape[] out = b.getOutputShapes(in);
            operation(name(b, path), "ParallelBlock", out, List.of());
            return out;
        }
        List<Parameter> parameters = new ArrayList<>();
        // A leaf owns its direct parameters; a block the walk cannot see into owns all of them.
        for (Pair<String, Parameter> p : b.getParameters()) {
            parameters.add(p.getValue());
        }
        Shape[] out = b.getOutputShapes(in);
        operation(name(b, path), type(b), out, parameters);
        return out;
    }

    private void operation(String name, String type, Shape[] out, List<Parameter> parameters) {
        current.operations.add(name);
        for (Shape s : out) {
            current.activations += s.size();
        }
        for (Parameter p : parameters) {
            if (!p.requiresGradient()) {
                continue;
            }
            if (!p.isInitialized()) {
                throw new IllegalStateException(
                        "parameter "
                                + parameterNames.get(p)
                                + " is not initialised: initialise"
                                + " the model before grouping its tensors");
            }
            current.weights += p.getArray().size();
            current.parameters.add(parameterNames.getOrDefault(p, p.getName()));
            current.layers.add(owners.getOrDefault(p, name));
        }
        lastOperation = current;
        if (closers.contains(type)) {
            closed.add(current);
            current = new Open();
        }
    }

    private List<TensorGroup> finish() {
        if (!current.operations.isEmpty()) {
            if (closed.isEmpty()) {
                closed.add(current);
            } else {
                closed.get(closed.size() - 1).absorb(current);
            }
        }
        if (!closed.isEmpty()) {
            closed.get(0).sites.addAll(0, leadingSites);
        }
        List<TensorGroup> out = new ArrayList<>();
        for (Open o : closed) {
            out.add(
                    new TensorGroup(
                            out.size(),
                            o.operations,
                            o.sites,
                            new ArrayList<>(o.layers),
                            o.parameters,
                            o.activations,
                            o.weights));
        }
        return List.copyOf(out);
    }

    private static String name(Block b, String path) {
        if (b instanceof QuantizationPoint p && p.core().hasName()) {
            return p.core().descriptor().name();
        }
        return path.isEmpty() ? b.getClass().getSimpleName() : path;
    }

    private static String type(Block b) {
        return b instanceof QuantizedLayer q
                ? q.core().descriptor().blockType()
                : b.getClass().getSimpleName();
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A group being filled. */
    private static final class Open {
        final List<String> operations = new ArrayList<>();
        final List<String> sites = new ArrayList<>();
        final Set<String> layers = new LinkedHashSet<>();
        final List<String> parameters = new ArrayList<>();
        long activations;
        long weights;

        void absorb(Open o) {
            operations.addAll(o.operations);
            sites.addAll(o.sites);
            layers.addAll(o.layers);
            parameters.addAll(o.parameters);
            activations += o.activations;
            weights += o.weights;
        }
    }
}
