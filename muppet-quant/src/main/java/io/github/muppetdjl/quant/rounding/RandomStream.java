/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

/**
 * The random streams of stochastic rounding, one per kind of tensor a site or a parameter rounds.
 * Each stream has an explicit {@link #id()} that {@link StreamKeys} mixes into the key: ids are
 * part of the replay contract (a seed replays a run only while they stay the same), so they are
 * written here once and never derived from declaration order. Never renumber a stream; add new ones
 * with new ids.
 */
public enum RandomStream {
    /**
     * A weight as the forward pass uses it: quantised by the layer under the site's name, or
     * written into the live weight by the optimizer wrapper under the parameter's name.
     */
    WEIGHT(1),
    /** An activation: the tensor a site passes forward, or a quantised layer's input. */
    ACTIVATION(2),
    /** A quantised layer's output. */
    OUTPUT(3),
    /** The error a site quantises on the way back. */
    ERROR(4),
    /** A parameter's gradient, quantised by the optimizer wrapper. */
    WEIGHT_GRADIENT(5),
    /** A master weight's first rounding, when it is created from the live weight. */
    MASTER_CREATION(6),
    /** A master weight's rounding after each update. */
    MASTER_UPDATE(7),
    /** Optimizer state; the part number tells tensors apart (momentum or Adam's m is 0, v is 1). */
    OPTIMIZER_STATE(8);

    private final int id;

    RandomStream(int id) {
        this.id = id;
    }

    /**
     * Returns the stream's fixed id.
     *
     * @return the id, positive
     */
    public int id() {
        return id;
    }
}
