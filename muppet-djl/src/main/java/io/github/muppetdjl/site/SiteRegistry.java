/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

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
     * @param keepGraph whether to keep the graph after each pass (needed only when two cuts share
     *     graph above them; a site at every fan-out avoids that)
     * @return the number of passes run
     */
    public int completeErrorPasses(boolean keepGraph) {
        List<PendingCut> cuts = new ArrayList<>();
        for (QuantizationPoint p : points) {
            cuts.addAll(p.core().drainPending());
        }
        cuts.sort(Comparator.comparingLong(PendingCut::sequence).reversed());
        TensorQuantizer quantizer = context.quantizer();
        int passes = 0;
        for (PendingCut c : cuts) {
            NDArray grad = gradientOf(c.cut());
            if (grad == null) {
                continue; // the cut's output did not reach the loss
            }
            // The cut leaf is dropped after this pass, and autograd gives a leaf's gradient the
            // leaf's own packed layout: quantising it in place saves a copy of every error.
            NDArray q = quantizer.quantizeInPlace(grad, c.errorPrecision(), c.key(), c.stats());
            JniUtils.backward((PtNDArray) c.target(), (PtNDArray) q, keepGraph, false);
            passes++;
        }
        return passes;
    }

    private static NDArray gradientOf(NDArray leaf) {
        try {
            return leaf.getGradient();
        } catch (IllegalStateException | ai.djl.engine.EngineException e) {
            return null;
        }
    }
}
