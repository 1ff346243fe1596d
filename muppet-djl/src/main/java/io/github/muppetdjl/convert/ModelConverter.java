/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.SymbolBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLayer;
import io.github.muppetdjl.site.QuantizationPoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts a DJL model in place for quantised training.
 *
 * <p>Walks every {@link SequentialBlock} of the tree, including those inside {@link
 * ParallelBlock}s, and rebuilds it in place ({@code removeLastBlock()} until empty, then {@code
 * add}): each {@link Linear}, {@link Conv1d} and {@link Conv2d} becomes its quantised subclass
 * (same parameter values, so parameter files stay loadable in both directions) and gets a {@link
 * QuantizationSite} after it and after the parameter-free leaves that follow it (activations,
 * pooling, flatten, dropout): the site quantises the tensor the next layer reads, and the error
 * that flows back through those leaves stays on the site's grid (ReLU and max pooling only mask and
 * route it), while a conv layer's pooled output is a quarter the size of its raw output. Layers
 * that are quantised already ({@link QuantizedLayer}s) are not counted but get the same sites.
 *
 * <p>Every converted layer reads a site's output, possibly through parameter-free leaves: where
 * something else computes its input (a batch norm, as in conv → BatchNorm → ReLU → conv in every
 * residual unit of DJL's {@code ResNetV1}, or the join of a {@code ParallelBlock}), a site goes
 * right before the layer, described by the type of the block that computed the value (say {@code
 * BatchNorm}, so a policy can treat it as that block's output). The model's own input is the one
 * exception: data come in the precision the user gives them, as in the paper setups that keep the
 * first layer's input in high precision; put a {@code QuantizationSite} first to quantise it.
 *
 * <p>Each {@code ParallelBlock} gets a site right before it, so that its branches fork from a graph
 * leaf (a fan-out site, which lets every error pass free its graph). A {@code ParallelBlock} that
 * is not inside a sequential block gets a site at the start of each sequential branch instead.
 * Blocks the converter cannot see into (a {@link SymbolBlock}, or any other composite) get sites
 * before and after them, and a warning is logged. Blocks with parameters that it leaves as they are
 * (see {@link ConversionReport#leftAsIs()}) are logged too. A bare layer branch of a {@code
 * ParallelBlock} is one of those: DJL offers no way to replace a branch in place, and wrapping it
 * would change the parameter file format.
 *
 * <p>Sites write nothing into parameter files, so the converted model's files load into the
 * original architecture and the reverse. Convert before creating the trainer that trains the
 * converted model (a trainer binds the parameter objects it saw when it was created).
 */
public final class ModelConverter {

    private static final Logger logger = LoggerFactory.getLogger(ModelConverter.class);

    private int layers;
    private int sites;
    private final List<Block> opaque = new ArrayList<>();
    private final List<Block> leftAsIs = new ArrayList<>();

    private ModelConverter() {}

    /**
     * Converts {@code root} in place.
     *
     * @param root a {@link SequentialBlock} or {@link ParallelBlock} (a single layer cannot be
     *     replaced in place: build a quantised layer instead)
     * @return what was done
     * @throws IllegalArgumentException if {@code root} is null or neither
     */
    public static ConversionReport convert(Block root) {
        if (root == null) {
            throw new IllegalArgumentException(
                    "root must not be null: pass the model's block (model.getBlock()), set before"
                            + " converting");
        }
        ModelConverter c = new ModelConverter();
        if (root instanceof SequentialBlock seq) {
            c.sequential(seq, true);
        } else if (root instanceof ParallelBlock par) {
            c.parallel(par, true);
        } else {
            throw new IllegalArgumentException(
                    "root must be a SequentialBlock or ParallelBlock, got "
                            + root.getClass().getSimpleName());
        }
        BlockPaths paths = new BlockPaths(root);
        List<String> opaquePaths = paths.of(c.opaque);
        for (int i = 0; i < opaquePaths.size(); i++) {
            logger.warn(
                    "Cannot see into {} ({}): quantisation sites only at its boundary",
                    opaquePaths.get(i),
                    c.opaque.get(i).getClass().getSimpleName());
        }
        List<String> leftPaths = paths.of(c.leftAsIs);
        if (!leftPaths.isEmpty()) {
            logger.warn(
                    "Left {} block(s) with parameters as they are (FP32 computation; their"
                            + " parameters follow the optimizer wrapper's policy): {}",
                    leftPaths.size(),
                    leftPaths);
        }
        return new ConversionReport(c.layers, c.sites, opaquePaths, leftPaths);
    }

    /**
     * Converts {@code seq} in place.
     *
     * @param covered whether the tensor entering {@code seq} is a site's output, or the model's
     *     input, possibly through parameter-free leaves
     * @return whether the tensor leaving it is
     */
    private boolean sequential(SequentialBlock seq, boolean covered) {
        List<Block> children = seq.getChildren().values();
        List<Block> out = new ArrayList<>();
        // The block type of a converted layer whose site waits for the layer's parameter-free
        // followers (activation, pooling, flatten) to pass.
        String deferred = null;
        // The type of the block that computed the tensor flowing now, for a site before a layer.
        String producer = "Input";
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            if (child instanceof QuantizationSite) {
                deferred = null; // a site the model already has serves the layer
                covered = true;
                out.add(child);
                continue;
            }
            if (isParameterFreeLeaf(child)) {
                out.add(child);
                continue;
            }
            if (deferred != null) {
                out.add(site(deferred));
                deferred = null;
                covered = true;
            }
            boolean prevIsSite =
                    !out.isEmpty() && out.get(out.size() - 1) instanceof QuantizationSite;
            Block layer = child instanceof QuantizedLayer ? child : replaceLayer(child);
            if (layer != null) {
                if (!covered) {
                    out.add(site(producer));
                }
                out.add(layer);
                deferred = layerType(child);
                covered = false;
            } else if (child instanceof SequentialBlock inner) {
                covered = sequential(inner, covered);
                out.add(inner);
            } else if (child instanceof ParallelBlock par) {
                if (!prevIsSite) {
                    out.add(site("ParallelBlock"));
                }
                parallel(par, false);
                out.add(par);
                covered = false;
            } else if (isOpaque(child)) {
                opaque.add(child);
                if (!prevIsSite) {
                    out.add(site(child.getClass().getSimpleName()));
                }
                out.add(child);
                boolean nextIsSite =
                        i + 1 < children.size() && children.get(i + 1) instanceof QuantizationSite;
                if (!nextIsSite) {
                    out.add(site(child.getClass().getSimpleName()));
                    covered = true;
                }
            } else {
                // A leaf with parameters the converter has no quantised twin for.
                leftAsIs.add(child);
                out.add(child);
                covered = false;
            }
            producer = child.getClass().getSimpleName();
        }
        if (deferred != null) {
            out.add(site(deferred));
            covered = true;
        }
        while (!seq.getChildren().isEmpty()) {
            seq.removeLastBlock();
        }
        seq.addAll(out);
        return covered;
    }

    /**
     * Whether a block may run between a layer and its site: a leaf without parameters (an
     * activation, pooling, flatten or dropout), whose output the next layer reads.
     */
    private static boolean isParameterFreeLeaf(Block b) {
        return !(b instanceof QuantizationPoint)
                && !isOpaque(b)
                && b.getDirectParameters().isEmpty();
    }

    private void parallel(ParallelBlock par, boolean branchSites) {
        for (Pair<String, Block> branch : par.getChildren()) {
            Block b = branch.getValue();
            if (b instanceof SequentialBlock seq) {
                if (branchSites && !startsWithSite(seq)) {
                    List<Block> rest = new ArrayList<>(seq.getChildren().values());
                    while (!seq.getChildren().isEmpty()) {
                        seq.removeLastBlock();
                    }
                    seq.add(site("ParallelBlock"));
                    seq.addAll(rest);
                }
                sequential(seq, true);
            } else if (b instanceof ParallelBlock inner) {
                parallel(inner, true);
            } else if (isOpaque(b)) {
                opaque.add(b);
            } else if (!(b instanceof QuantizationPoint) && !isParameterFreeLeaf(b)) {
                // A ParallelBlock cannot be rebuilt in place, so a bare layer branch stays as is
                // (no quantised copy is built: it would have nowhere to go).
                leftAsIs.add(b);
            }
        }
    }

    private static boolean startsWithSite(SequentialBlock seq) {
        return !seq.getChildren().isEmpty()
                && seq.getChildren().get(0).getValue() instanceof QuantizationSite;
    }

    private Block replaceLayer(Block b) {
        Block q = null;
        if (b.getClass() == Linear.class) {
            q = LayerCopies.linear((Linear) b);
        } else if (b.getClass() == Conv2d.class) {
            q = LayerCopies.conv2d((Conv2d) b);
        } else if (b.getClass() == Conv1d.class) {
            q = LayerCopies.conv1d((Conv1d) b);
        }
        if (q != null) {
            layers++;
        }
        return q;
    }

    /** The DJL layer type a converted or user-built quantised layer stands for. */
    private static String layerType(Block b) {
        return b instanceof QuantizedLayer q
                ? q.core().descriptor().blockType()
                : b.getClass().getSimpleName();
    }

    private static boolean isOpaque(Block b) {
        if (b instanceof QuantizationPoint) {
            return false;
        }
        return b instanceof SymbolBlock || !b.getChildren().isEmpty();
    }

    private QuantizationSite site(String blockType) {
        sites++;
        return QuantizationSite.builder().optBlockType(blockType).build();
    }
}
