/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import io.github.muppetdjl.quant.quantizer.Precision;

/**
 * The three precision slots of a quantised layer.
 *
 * @param weight the precision the weight is used at in the forward pass ({@code WEIGHT})
 * @param input the precision of the layer's input ({@code ACTIVATION} of the input)
 * @param output the precision of the layer's output
 */
public record LayerPrecisions(Precision weight, Precision input, Precision output) {

    /** All three slots at FP32: the layer behaves exactly like its DJL parent. */
    public static final LayerPrecisions FP32 =
            new LayerPrecisions(Precision.FP32, Precision.FP32, Precision.FP32);

    /** Validates the fields. */
    public LayerPrecisions {
        if (weight == null || input == null || output == null) {
            throw new IllegalArgumentException("weight, input and output must not be null");
        }
    }

    /**
     * Returns slots with only the weight quantised.
     *
     * @param weight the weight precision
     * @return the slots
     */
    public static LayerPrecisions weightOnly(Precision weight) {
        return new LayerPrecisions(weight, Precision.FP32, Precision.FP32);
    }
}
