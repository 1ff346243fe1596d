/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import io.github.muppetdjl.quant.integer.Gemm;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.integer.OverflowTally;
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
     * Returns the layer's integer DFP16 path (docs/algorithms.md §6.4).
     *
     * @return the path, off unless an arithmetic is set
     */
    IntegerPath integerPath();

    /**
     * Returns the integer arithmetic the layer uses while its weight precision is quantised.
     *
     * @return the arithmetic, or {@code null} for none
     */
    default IntegerArithmetic getIntegerArithmetic() {
        return integerPath().arithmetic();
    }

    /**
     * Sets the integer arithmetic; {@code null} turns it off. Takes effect at the next forward.
     *
     * @param arithmetic the arithmetic, or {@code null}
     */
    default void setIntegerArithmetic(IntegerArithmetic arithmetic) {
        integerPath().setArithmetic(arithmetic);
    }

    /**
     * Returns the INT32 overflow tally of one product since the last drain, summed over devices,
     * and resets it. The training listener drains it after every batch into the metrics {@code
     * muppet.site.<layer>.int32.<product>.*}; call this only when no listener is attached.
     *
     * @param gemm the product
     * @return the tally
     */
    default OverflowTally drainIntegerOverflows(Gemm gemm) {
        return core().drainOverflows(gemm);
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
