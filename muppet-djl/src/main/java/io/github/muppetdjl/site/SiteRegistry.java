/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Every {@link QuantizationPoint} of one block tree, in depth-first order (creation order for
 * sequential models), bound to one {@link SiteContext}.
 *
 * <p>Completes the error backward passes (docs/algorithms.md §4.3): after the main backward,
 * pending cuts are processed in decreasing forward order; each reads its leaf's gradient, quantises
 * it and back-propagates it into the original activation with {@code JniUtils.backward}. Parameter
 * gradients accumulate across these passes.
 */
public final class SiteRegistry {

    private final SiteContext context;
    private final List<QuantizationPoint> points;

    private SiteRegistry(SiteContext context, List<QuantizationPoint> points) {
        this.context = context;
        this.points = Collections.unmodifiableList(points);
    }

    /**
     * Finds every quantisation point under {@code root}, binds it to {@code context} with its
     * depth-first index, and names unnamed points by their path in the tree.
     *
     * @param root the block tree
     * @param context the context to bind
     * @return the registry
     */
    public static SiteRegistry scan(Block root, SiteContext context) {
        List<QuantizationPoint> found = new ArrayList<>();
        collect(root, "", found);
        for (int i = 0; i < found.size(); i++) {
            found.get(i).core().bind(context, i);
        }
        return new SiteRegistry(context, found);
    }

    private static void collect(Block block, String path, List<QuantizationPoint> out) {
        if (block instanceof QuantizationPoint p) {
            if (!p.core().hasName()) {
                p.core().setName(path.isEmpty() ? block.getClass().getSimpleName() : path);
            }
            out.add(p);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
            collect(child.getValue(), childPath, out);
        }
    }

    /**
     * Returns the context.
     *
     * @return the context
     */
    public SiteContext context() {
        return context;
    }

    /**
     * Returns the points in index order.
     *
     * @return an unmodifiable list
     */
    public List<QuantizationPoint> points() {
        return points;
    }

    /**
     * Applies a policy to every point; takes effect at the next forward.
     *
     * @param policy the policy
     */
    public void applyPolicy(PrecisionPolicy policy) {
        for (QuantizationPoint p : points) {
            p.applyPolicy(policy);
        }
    }

    /**
     * Returns how many error cuts wait for their backward pass.
     *
     * @return the count
     */
    public int pendingCount() {
        int n = 0;
        for (QuantizationPoint p : points) {
            n += p.core().pendingCount();
        }
        return n;
    }

    /**
     * Completes the error backward passes of every pending cut, latest first.
     *
     * <p>A pass that the engine cannot run (reading the cut's gradient, or the backward into the
     * original activation) fails the batch with an {@link IllegalStateException} naming the site,
     * rather than being skipped: without its pass, every parameter above the site silently misses
     * the error from below it, and the step that follows would train wrongly without a sign. Such a
     * failure points at a bug or an unsupported set-up (say, two cuts sharing graph with {@code
     * keepGraph} off), which the message names.
     *
     * @param keepGraph whether to keep the graph after each pass (needed only when two cuts share
     *     graph above them; a site at every fan-out avoids that)
     * @return the number of passes run
     * @throws IllegalStateException if the engine fails a pass
     */
    public int completeErrorPasses(boolean keepGraph) {
        List<Owned> cuts = new ArrayList<>();
        for (QuantizationPoint p : points) {
            String site = p.core().descriptor().name();
            for (PendingCut c : p.core().drainPending()) {
                cuts.add(new Owned(site, c));
            }
        }
        cuts.sort(Comparator.comparingLong((Owned o) -> o.cut().sequence()).reversed());
        TensorQuantizer quantizer = context.quantizer();
        int passes = 0;
        for (Owned o : cuts) {
            PendingCut c = o.cut();
            try {
                if (c.pass() != null) {
                    c.pass().run(keepGraph);
                    passes++;
                    continue;
                }
                // DJL hands back zeros for a cut whose output did not reach the loss.
                NDArray grad = c.cut().getGradient();
                // The cut leaf is dropped after this pass, and autograd gives a leaf's gradient
                // the leaf's own packed layout: quantising it in place saves a copy of every
                // error.
                NDArray q = quantizer.quantizeInPlace(grad, c.errorPrecision(), c.key(), c.stats());
                JniUtils.backward((PtNDArray) c.target(), (PtNDArray) q, keepGraph, false);
            } catch (EngineException | IllegalStateException e) {
                throw new IllegalStateException(
                        "error pass of site "
                                + o.site()
                                + " failed, so the parameters above it would miss their gradient"
                                + " (keepGraph="
                                + keepGraph
                                + "; two sites sharing graph need keepGraph or a site at each"
                                + " fan-out): "
                                + e.getMessage(),
                        e);
            }
            passes++;
        }
        return passes;
    }

    /** A pending cut with the name of the site that made it, for error messages. */
    private record Owned(String site, PendingCut cut) {}
}
