/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

/**
 * The precisions of the four tensors a conv or dense layer's training passes read and write.
 *
 * @param weight the weights ({@link TensorRole#WEIGHT})
 * @param activation the activations ({@link TensorRole#ACTIVATION}); the layer's input is taken at
 *     this precision too
 * @param error the errors ({@link TensorRole#ERROR})
 * @param gradient the weight gradients ({@link TensorRole#WEIGHT_GRADIENT})
 */
public record OperandPrecisions(
        Precision weight, Precision activation, Precision error, Precision gradient) {

    /** All four operands in FP32. */
    public static final OperandPrecisions FP32 =
            new OperandPrecisions(Precision.FP32, Precision.FP32, Precision.FP32, Precision.FP32);

    /** Validates the fields. */
    public OperandPrecisions {
        if (weight == null || activation == null || error == null || gradient == null) {
            throw new IllegalArgumentException(
                    "weight, activation, error and gradient must not be null");
        }
    }

    /**
     * Returns the same precision for all four operands.
     *
     * @param precision the precision
     * @return the operands
     */
    public static OperandPrecisions uniform(Precision precision) {
        return new OperandPrecisions(precision, precision, precision, precision);
    }

    /**
     * Resolves the four operands of one layer from a policy.
     *
     * @param policy the policy
     * @param layer the layer, resolved as {@link ComputeLayer#site()}
     * @return the operands
     */
    public static OperandPrecisions resolve(PrecisionPolicy policy, ComputeLayer layer) {
        var site = layer.site();
        return new OperandPrecisions(
                policy.resolve(site, TensorRole.WEIGHT),
                policy.resolve(site, TensorRole.ACTIVATION),
                policy.resolve(site, TensorRole.ERROR),
                policy.resolve(site, TensorRole.WEIGHT_GRADIENT));
    }

    /**
     * Returns the bits one value of a precision occupies: 32 for FP32, otherwise the format's
     * {@link io.github.muppetdjl.quant.format.NumberFormat#bits()} (block floating point: the
     * element word {@code w}; the one shared exponent per block is left out, as it is one byte per
     * tensor or slice; FP8: 8; FP16 and BF16: 16; fixed point: the word).
     *
     * @param precision the precision
     * @return bits per value, in [1, 32]
     */
    public static int bits(Precision precision) {
        return precision.isIdentity() ? 32 : precision.format().bits();
    }
}
