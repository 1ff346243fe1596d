/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.site.QuantizationPoint;

/**
 * A quantised layer ({@link QuantizedLinear}, {@link QuantizedConv1d}, {@link QuantizedConv2d}): a
 * quantisation point with weight, input and output precision slots. The layers subclass different
 * DJL blocks, so their shared behaviour lives here as default methods.
 */
public interface QuantizedLayer extends QuantizationPoint {

    /**
     * Resolves the weight slot from the policy; the input and output slots stay as set, since the
     * sites around the layer carry the activation and error precisions.
     *
     * @param policy the policy
     */
    @Override
    default void applyPolicy(PrecisionPolicy policy) {
        core().setPrecision(
                        TensorRole.WEIGHT, policy.resolve(core().descriptor(), TensorRole.WEIGHT));
    }

    /**
     * Returns the current precision slots.
     *
     * @return the slots
     */
    default LayerPrecisions getPrecisions() {
        return LayerMath.get(core());
    }

    /**
     * Replaces the precision slots; takes effect at the next forward.
     *
     * @param precisions the slots
     */
    default void setPrecisions(LayerPrecisions precisions) {
        LayerMath.set(core(), precisions);
    }
}
