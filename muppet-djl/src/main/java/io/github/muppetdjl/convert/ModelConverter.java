/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.SymbolBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import io.github.muppetdjl.nn.QuantizationSite;
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
 * route it), while a conv layer's pooled output is a quarter the size of its raw output. Each
 * {@code ParallelBlock} gets a site right before it, so that its branches fork from a graph leaf (a
 * fan-out site, which lets every error pass free its graph). A {@code ParallelBlock} that is not
 * inside a sequential block gets a site at the start of each sequential branch instead. Blocks the
 * converter cannot see into (a {@link SymbolBlock}, or any other composite) get sites before and
 * after them, and a warning is logged.
 *
 * <p>Sites write nothing into parameter files, so the converted model's files load into the
 * original architecture and the reverse. Convert before creating the trainer that trains the
 * converted model (a trainer binds the parameter objects it saw when it was created).
 */
public final class ModelConverter {

    private static final Logger logger = LoggerFactory.getLogger(ModelConverter.class);

    private int layers;
    private int sites;
    private final List<String> opaque = new ArrayList<>();

    private ModelConverter() {}

    /**
     * Converts {@code root} in place.
     *
     * @param root a {@link SequentialBlock} or {@link ParallelBlock} (a single layer cannot be
     *     replaced in place: build a quantised layer instead)
     * @return what was done
     * @throws IllegalArgumentException if {@code root} is neither
     */
    public static ConversionReport convert(Block root) {
        ModelConverter c = new ModelConverter();
        if (root instanceof SequentialBlock seq) {
            c.sequential(seq, "");
        } else if (root instanceof ParallelBlock par) {
            c.parallel(par, "", true);
        } else {
            throw new IllegalArgumentException(
                    "root must be a SequentialBlock or ParallelBlock, got "
                            + root.getClass().getSimpleName());
        }
        return new ConversionReport(c.layers, c.sites, c.opaque);
    }

    private void sequential(SequentialBlock seq, String path) {
        BlockList children = seq.getChildren();
        List<Block> out = new ArrayList<>();
        // The block type of a converted layer whose site waits for the layer's parameter-free
        // followers (activation, pooling, flatten) to pass.
        String deferred = null;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i).getValue();
            String childPath = join(path, children.get(i).getKey());
            if (child instanceof QuantizationSite) {
                deferred = null; // a site the model already has serves the layer
                out.add(child);
                continue;
            }
            if (deferred != null && isParameterFreeLeaf(child)) {
                out.add(child);
                continue;
            }
            if (deferred != null) {
                out.add(site(deferred));
                deferred = null;
            }
            boolean prevIsSite =
                    !out.isEmpty() && out.get(out.size() - 1) instanceof QuantizationSite;
            Block replaced = replaceLayer(child);
            if (replaced != null) {
                out.add(replaced);
                deferred = child.getClass().getSimpleName();
            } else if (child instanceof SequentialBlock inner) {
                sequential(inner, childPath);
                out.add(inner);
            } else if (child instanceof ParallelBlock par) {
                if (!prevIsSite) {
                    out.add(site("ParallelBlock"));
                }
                parallel(par, childPath, false);
                out.add(par);
            } else if (isOpaque(child)) {
                warnOpaque(childPath, child);
                if (!prevIsSite) {
                    out.add(site(child.getClass().getSimpleName()));
                }
                out.add(child);
                boolean nextIsSite =
                        i + 1 < children.size()
                                && children.get(i + 1).getValue() instanceof QuantizationSite;
                if (!nextIsSite) {
                    out.add(site(child.getClass().getSimpleName()));
                }
            } else {
                out.add(child);
            }
        }
        if (deferred != null) {
            out.add(site(deferred));
        }
        while (!seq.getChildren().isEmpty()) {
            seq.removeLastBlock();
        }
        seq.addAll(out);
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

    private void parallel(ParallelBlock par, String path, boolean branchSites) {
        for (Pair<String, Block> branch : par.getChildren()) {
            Block b = branch.getValue();
            String branchPath = join(path, branch.getKey());
            if (b instanceof SequentialBlock seq) {
                if (branchSites && !startsWithSite(seq)) {
                    List<Block> rest = new ArrayList<>(seq.getChildren().values());
                    while (!seq.getChildren().isEmpty()) {
                        seq.removeLastBlock();
                    }
                    seq.add(site("ParallelBlock"));
                    seq.addAll(rest);
                }
                sequential(seq, branchPath);
            } else if (b instanceof ParallelBlock inner) {
                parallel(inner, branchPath, true);
            } else if (replaceLayer(b) != null || isOpaque(b)) {
                // A ParallelBlock cannot be rebuilt in place, so a bare layer branch stays as is.
                warnOpaque(branchPath, b);
            }
        }
    }

    private static boolean startsWithSite(SequentialBlock seq) {
        return !seq.getChildren().isEmpty()
                && seq.getChildren().get(0).getValue() instanceof QuantizationSite;
    }

    private Block replaceLayer(Block b) {
        if (b instanceof QuantizationPoint) {
            return null;
        }
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

    private static boolean isOpaque(Block b) {
        if (b instanceof QuantizationPoint) {
            return false;
        }
        return b instanceof SymbolBlock || !b.getChildren().isEmpty();
    }

    private void warnOpaque(String path, Block b) {
        opaque.add(path);
        logger.warn(
                "Cannot see into {} ({}): quantisation sites only at its boundary",
                path,
                b.getClass().getSimpleName());
    }

    private QuantizationSite site(String blockType) {
        sites++;
        return QuantizationSite.builder().optBlockType(blockType).build();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
