/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

/** The kind of a compute layer, with the DJL block type its quantisation sites carry. */
public enum LayerKind {
    /** A 2-D convolution ({@code ai.djl.nn.convolutional.Conv2d}). */
    CONV("Conv2d"),
    /** A fully connected layer ({@code ai.djl.nn.core.Linear}). */
    DENSE("Linear");

    private final String blockType;

    LayerKind(String blockType) {
        this.blockType = blockType;
    }

    /**
     * Returns the simple class name of the DJL block, as in {@link
     * io.github.muppetdjl.quant.policy.SiteDescriptor#blockType()}.
     *
     * @return {@code Conv2d} or {@code Linear}
     */
    public String blockType() {
        return blockType;
    }
}
