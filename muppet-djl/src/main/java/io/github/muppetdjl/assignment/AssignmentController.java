/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.control.AttachedModel;
import io.github.muppetdjl.control.OverflowEvent;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.RuleBasedPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision assignment with promotion (Lee, Sharma and Aiken, "Training with Mixed-Precision
 * Floating-Point Assignments", TMLR 2023; docs/algorithms.md §6.6) as a {@link
 * PrecisionController}. Use it through the {@code lee} recipes.
 *
 * <ol>
 *   <li>{@link #onAttach}: groups the model's tensors ({@link TensorGroups}) at its input shapes
 *       and plans which groups start low ({@link Demotion}). The policy gives every site of a group
 *       the group's forward precision for {@code ACTIVATION} and backward precision for {@code
 *       ERROR}, and every layer owning the group's parameters the forward precision for {@code
 *       WEIGHT} and the backward one for {@code WEIGHT_GRADIENT}; master weights and optimizer
 *       state stay FP32.
 *   <li>{@link #onOverflow}: an overflow (saturated or non-finite values) of a weight, activation,
 *       error or weight gradient of a low group counts for that group once per step; when the
 *       group's {@link OverflowWindow} fires, the group is promoted to high precision for the rest
 *       of training, the promotion is logged ({@link #promotions()}) and the policy changes from
 *       the next batch on. Overflows of high groups are not counted.
 *   <li>{@link #onEpochEnd}: logs the {@link MemoryReport}.
 * </ol>
 *
 * <p>Before a model is attached the policy is the high precision everywhere. State (promotions and
 * the overflow windows) is checkpointed; the plan itself is recomputed from the model. Not
 * thread-safe beyond DJL's single training thread.
 */
public final class AssignmentController implements PrecisionController {

    private static final Logger logger = LoggerFactory.getLogger(AssignmentController.class);

    private final AssignmentSpec spec;
    private final List<Promotion> promotions = new ArrayList<>();
    private final Map<Integer, OverflowWindow> windows = new TreeMap<>();
    private final Map<String, Integer> groupOf = new HashMap<>();
    private List<TensorGroup> groups;
    private boolean[] planned;
    private PrecisionPolicy policy;

    AssignmentController(AssignmentSpec spec) {
        this.spec = spec;
        this.policy = unplanned(spec.candidates());
    }

    @Override
    public PrecisionPolicy policy() {
        return policy;
    }

    @Override
    public PrecisionPolicy onAttach(AttachedModel model) {
        List<Shape> shapes = new ArrayList<>();
        for (Shape s : model.inputShapes()) {
            shapes.add(spec.batchSize() > 0 && s.dimension() > 0 ? withBatch(s) : s);
        }
        if (shapes.isEmpty()) {
            return policy; // an uninitialised model: planned when training binds it again
        }
        List<TensorGroup> g = TensorGroups.of(model.root(), shapes, spec.closers());
        boolean[] low =
                spec.mode() == AssignmentSpec.Mode.LARGEST_FIRST
                        ? Demotion.largestFirst(g, spec.ratio())
                        : Demotion.allButFirstAndLast(g);
        for (Promotion p : promotions) {
            if (p.group() >= g.size()) {
                throw new IllegalStateException(
                        "the restored promotions name group "
                                + p.group()
                                + " but the model has "
                                + g.size()
                                + " groups");
            }
        }
        boolean changed = !g.equals(groups);
        groups = g;
        planned = low;
        groupOf.clear();
        for (TensorGroup t : g) {
            for (List<String> names : List.of(t.sites(), t.layers(), t.parameters())) {
                names.forEach(n -> groupOf.put(n, t.index()));
            }
        }
        policy = build();
        if (changed) {
            logger.info(
                    "{} at input {}: {} groups {}, low {}", spec, shapes, g.size(), g, lowList());
        }
        return policy;
    }

    @Override
    public PrecisionPolicy onOverflow(OverflowEvent event) {
        Integer g = groupOf.get(event.name());
        if (!spec.promote() || g == null || !isLow(g) || !assigned(event.role())) {
            return policy;
        }
        OverflowWindow w =
                windows.computeIfAbsent(
                        g, k -> new OverflowWindow(spec.window(), spec.threshold()));
        if (w.record(event.step())) {
            Promotion p =
                    new Promotion(
                            event.step(),
                            g,
                            event.role()
                                    + " of "
                                    + event.name()
                                    + " (saturated="
                                    + event.stats().saturated()
                                    + ", nonFinite="
                                    + event.stats().nonFinite()
                                    + "), overflowing steps "
                                    + w.steps());
            promotions.add(p);
            windows.remove(g);
            logger.info("{}", p);
            policy = build();
        }
        return policy;
    }

    @Override
    public PrecisionPolicy onEpochEnd(int epoch, Map<String, Double> evaluations) {
        if (groups != null) {
            logger.info("epoch {}: {}", epoch, report());
        }
        return policy;
    }

    /**
     * Returns the tensor groups of the attached model.
     *
     * @return the groups in forward order, empty before a model is attached
     */
    public List<TensorGroup> groups() {
        return groups == null ? List.of() : groups;
    }

    /**
     * Returns whether a group is low now (planned low and not promoted).
     *
     * @param group the group's index
     * @return whether it is low
     */
    public boolean isLow(int group) {
        return planned != null && planned[group] && !promoted(group);
    }

    /**
     * Returns the promotions so far, in order.
     *
     * @return an unmodifiable copy
     */
    public List<Promotion> promotions() {
        return List.copyOf(promotions);
    }

    /**
     * Returns the memory report of the current assignment.
     *
     * @return the report
     * @throws IllegalStateException before a model is attached
     */
    public MemoryReport report() {
        if (groups == null) {
            throw new IllegalStateException("no model attached yet: train or attach first");
        }
        boolean[] now = new boolean[groups.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = isLow(i);
        }
        return MemoryReport.of(groups, planned, now, spec.candidates(), spec.stateSlots());
    }

    @Override
    public void saveState(DataOutputStream out) throws IOException {
        Map<Integer, List<Long>> steps = new TreeMap<>();
        windows.forEach((g, w) -> steps.put(g, w.steps()));
        new AssignmentState(promotions, steps).write(out);
    }

    @Override
    public void loadState(DataInputStream in) throws IOException {
        AssignmentState state = AssignmentState.read(in, groups == null ? -1 : groups.size());
        promotions.clear();
        promotions.addAll(state.promotions());
        windows.clear();
        state.windows()
                .forEach(
                        (g, steps) -> {
                            OverflowWindow w = new OverflowWindow(spec.window(), spec.threshold());
                            w.restore(steps);
                            windows.put(g, w);
                        });
        if (groups != null) {
            policy = build();
        }
    }

    private boolean promoted(int group) {
        for (Promotion p : promotions) {
            if (p.group() == group) {
                return true;
            }
        }
        return false;
    }

    private static boolean assigned(TensorRole role) {
        return role == TensorRole.WEIGHT
                || role == TensorRole.ACTIVATION
                || role == TensorRole.ERROR
                || role == TensorRole.WEIGHT_GRADIENT;
    }

    private Shape withBatch(Shape s) {
        long[] dims = s.getShape();
        dims[0] = spec.batchSize();
        return new Shape(dims);
    }

    private List<Integer> lowList() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (isLow(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private PrecisionPolicy build() {
        PrecisionCandidates c = spec.candidates();
        RuleBasedPolicy.Builder b = RuleBasedPolicy.builder().optName("assignment");
        for (TensorGroup t : groups) {
            boolean low = isLow(t.index());
            for (String site : t.sites()) {
                b.optExactName(site, c.forward(low), TensorRole.ACTIVATION);
                b.optExactName(site, c.backward(low), TensorRole.ERROR);
            }
            for (String layer : t.layers()) {
                b.optExactName(layer, c.forward(low), TensorRole.WEIGHT);
                b.optExactName(layer, c.backward(low), TensorRole.WEIGHT_GRADIENT);
                // A layer never reads these two roles (its sites do), but a cost or memory
                // estimate that prices the layer's operands by its name must see its group's.
                b.optExactName(layer, c.forward(low), TensorRole.ACTIVATION);
                b.optExactName(layer, c.backward(low), TensorRole.ERROR);
            }
        }
        return b.build();
    }

    private static PrecisionPolicy unplanned(PrecisionCandidates c) {
        return RuleBasedPolicy.builder()
                .optName("assignment-unplanned")
                .optGlobal(c.highForward(), TensorRole.WEIGHT, TensorRole.ACTIVATION)
                .optGlobal(c.highBackward(), TensorRole.ERROR, TensorRole.WEIGHT_GRADIENT)
                .build();
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
