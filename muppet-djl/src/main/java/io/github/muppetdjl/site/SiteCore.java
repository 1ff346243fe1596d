/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.integer.Gemm;
import io.github.muppetdjl.quant.integer.OverflowTally;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The runtime half of a quantisation point: its descriptor, index, context, one precision per role
 * and per-device {@link SiteState}. Thread-safe: precisions are swapped atomically between batches
 * while forwards on several devices read them.
 */
public final class SiteCore {

    private final String blockType;
    private volatile String name;
    private volatile SiteContext context = SiteContext.standalone();
    private volatile int index;
    private final AtomicReferenceArray<Precision> precisions =
            new AtomicReferenceArray<>(TensorRole.values().length + 1);
    private final Map<Device, SiteState> states = new ConcurrentHashMap<>();
    private volatile HashedName hashedName;

    /** A name with its stream hash, so the hash is computed once per name, not per forward. */
    private record HashedName(String name, long hash) {}

    /**
     * Creates a core with every role at FP32.
     *
     * @param name the site name, or {@code null} to let the registry name it by its path
     * @param blockType the simple class name of the block the point belongs to
     */
    public SiteCore(String name, String blockType) {
        this.name = name;
        this.blockType = blockType;
        for (int i = 0; i < precisions.length(); i++) {
            precisions.set(i, Precision.FP32);
        }
    }

    /**
     * Returns the descriptor used to resolve precisions.
     *
     * @return the descriptor
     */
    public SiteDescriptor descriptor() {
        return new SiteDescriptor(currentName(), blockType);
    }

    private String currentName() {
        String n = name;
        return n == null ? blockType + "#" + index : n;
    }

    /**
     * Returns the generator key of one of this point's streams at the context's current step,
     * derived from the point's name ({@link StreamKeys}): the registry names unnamed points by
     * their path in the block tree, so keys survive a new JVM and a rebuilt model.
     *
     * @param stream the stream
     * @return the key
     */
    public long key(RandomStream stream) {
        String n = currentName();
        HashedName h = hashedName;
        if (h == null || !h.name().equals(n)) {
            h = new HashedName(n, StreamKeys.nameHash(n));
            hashedName = h;
        }
        return context.key(h.hash(), stream);
    }

    /**
     * Returns whether a name was given.
     *
     * @return true if named
     */
    public boolean hasName() {
        return name != null;
    }

    /**
     * Sets the site name.
     *
     * @param value the name, not empty
     */
    public void setName(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        name = value;
    }

    /**
     * Binds the point to a context and gives it its index (which names it while it has no name).
     *
     * @param ctx the context
     * @param siteIndex the index, at least 0
     */
    public void bind(SiteContext ctx, int siteIndex) {
        if (ctx == null || siteIndex < 0) {
            throw new IllegalArgumentException("context must be set and index >= 0");
        }
        context = ctx;
        index = siteIndex;
    }

    /**
     * Returns the bound context.
     *
     * @return the context
     */
    public SiteContext context() {
        return context;
    }

    /**
     * Returns the index.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * Returns the precision of a role.
     *
     * @param role the role
     * @return the precision
     */
    public Precision precision(TensorRole role) {
        return precisions.get(role.ordinal());
    }

    /**
     * Sets the precision of a role.
     *
     * @param role the role
     * @param precision the precision
     */
    public void setPrecision(TensorRole role, Precision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
        precisions.set(role.ordinal(), precision);
    }

    /**
     * Returns the precision of the output slot (quantised layers only).
     *
     * @return the precision
     */
    public Precision outputPrecision() {
        return precisions.get(TensorRole.values().length);
    }

    /**
     * Sets the precision of the output slot (quantised layers only).
     *
     * @param precision the precision
     */
    public void setOutputPrecision(Precision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
        precisions.set(TensorRole.values().length, precision);
    }

    /**
     * Returns the state for a device, creating it on first use.
     *
     * @param device the device
     * @return its state
     */
    public SiteState state(Device device) {
        return states.computeIfAbsent(device, d -> new SiteState());
    }

    /**
     * Removes and returns the pending cuts of every device.
     *
     * @return the cuts
     */
    public List<PendingCut> drainPending() {
        List<PendingCut> out = new ArrayList<>();
        for (SiteState s : states.values()) {
            out.addAll(s.drainPending());
        }
        return out;
    }

    /**
     * Returns how many cuts are pending on all devices.
     *
     * @return the count
     */
    public int pendingCount() {
        int n = 0;
        for (SiteState s : states.values()) {
            n += s.pendingCount();
        }
        return n;
    }

    /**
     * Returns the statistics of one role summed over devices and resets them.
     *
     * @param role the role
     * @return the totals since the last call
     */
    public QuantStats drainStats(TensorRole role) {
        QuantStats sum = QuantStats.EMPTY;
        for (SiteState s : states.values()) {
            sum = sum.plus(s.stats(role).snapshotAndReset());
        }
        return sum;
    }

    /**
     * Returns the INT32 overflow tally of one integer product summed over devices and resets it
     * (all zero except on integer layers, docs/algorithms.md §6.4).
     *
     * @param gemm the product
     * @return the totals since the last call
     */
    public OverflowTally drainOverflows(Gemm gemm) {
        OverflowTally sum = OverflowTally.EMPTY;
        for (SiteState s : states.values()) {
            sum = sum.plus(s.overflows(gemm).snapshotAndReset());
        }
        return sum;
    }

    /**
     * Quantises a forward tensor for one slot: identity returns {@code x} itself; with {@code ste}
     * the straight-through estimator {@code x + stopGradient(q - x)} passes the gradient through
     * unchanged (its value is {@code q}: {@code q - x} is exact because {@code q} is a neighbour of
     * {@code x} on the grid, or zero).
     *
     * @param x the tensor
     * @param role the role whose statistics count the values
     * @param stream the random stream
     * @param precision the precision
     * @param ste whether to keep the gradient path
     * @return the quantised tensor
     */
    public NDArray quantizeForward(
            NDArray x, TensorRole role, RandomStream stream, Precision precision, boolean ste) {
        return quantizeForward(x, role, stream, precision, ste, null);
    }

    /**
     * As {@link #quantizeForward(NDArray, TensorRole, RandomStream, Precision, boolean)}, with
     * every temporary attached to {@code scope}: quantising a parameter must not leave arrays on
     * the model's manager, which lives for the whole training.
     *
     * @param x the tensor
     * @param role the role whose statistics count the values
     * @param stream the random stream
     * @param precision the precision
     * @param ste whether to keep the gradient path
     * @param scope the manager owning the results (e.g. the batch's), or {@code null} for {@code
     *     x}'s
     * @return the quantised tensor
     */
    public NDArray quantizeForward(
            NDArray x,
            TensorRole role,
            RandomStream stream,
            Precision precision,
            boolean ste,
            NDManager scope) {
        if (precision.isIdentity()) {
            return x;
        }
        NDArray q =
                context.quantizer()
                        .quantize(x, precision, key(stream), state(x.getDevice()).stats(role));
        if (scope != null && q.getManager() != scope) {
            q.attach(scope);
        }
        // Results of an op belong to its receiver's manager, so q (in scope) comes first; IEEE
        // addition commutes, so the value is the same as x + (q - x).
        return ste ? q.sub(x).stopGradient().add(x) : q;
    }
}
