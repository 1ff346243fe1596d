/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.control;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.List;

/**
 * The model a training run is bound to, as {@link PrecisionController#onAttach} sees it: the
 * converted block tree (its quantisation points already named) and the shapes of the inputs it
 * takes, batch dimension first.
 *
 * @param root the model's block, initialised
 * @param inputShapes the input shapes: those the block was initialised with when training binds the
 *     model, then those of the first batch when they differ (a DJL model is often initialised with
 *     a batch of one)
 */
public record AttachedModel(Block root, List<Shape> inputShapes) {

    /** Validates and copies the fields. */
    public AttachedModel {
        if (root == null || inputShapes == null) {
            throw new IllegalArgumentException("root and inputShapes must not be null");
        }
        inputShapes = List.copyOf(inputShapes);
    }
}
