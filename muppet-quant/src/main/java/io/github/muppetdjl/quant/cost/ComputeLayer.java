/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.policy.SiteDescriptor;

/**
 * One conv or dense layer, counted per training sample. Biases are left out of {@code weightCount}
 * (they take part in no multiply-accumulate, and are under 0.2% of the weights of the small CNN).
 *
 * @param name the site name the precision policy resolves, e.g. {@code conv1}; not empty
 * @param kind conv or dense
 * @param macsPerSample multiply-accumulates of the forward pass for one sample; at least 1 (for a
 *     conv: output elements times kernel height times kernel width times input channels)
 * @param weightCount kernel or matrix elements; at least 1
 * @param inputCount input activation elements per sample; at least 1
 * @param outputCount output activation elements per sample; at least 1
 */
public record ComputeLayer(
        String name,
        LayerKind kind,
        long macsPerSample,
        long weightCount,
        long inputCount,
        long outputCount) {

    /** Validates the fields. */
    public ComputeLayer {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        positive("macsPerSample", macsPerSample);
        positive("weightCount", weightCount);
        positive("inputCount", inputCount);
        positive("outputCount", outputCount);
    }

    private static void positive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, got " + value);
        }
    }

    /**
     * Returns the site a precision policy resolves for this layer.
     *
     * @return {@code (name, kind.blockType())}
     */
    public SiteDescriptor site() {
        return new SiteDescriptor(name, kind.blockType());
    }
}
