/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import io.github.muppetdjl.quant.integer.ChunkedGemm;
import io.github.muppetdjl.quant.integer.DfpArray;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;

/**
 * A dense layer's products: the input {@code (…, K)} is viewed as {@code N × K}, the weight is
 * {@code O × K}; a slice of each reduction is one product.
 */
final class DenseProduct implements IntegerProduct {

    static final DenseProduct INSTANCE = new DenseProduct();

    private DenseProduct() {}

    @Override
    public NDArray forward(DfpArray x, DfpArray w, IntegerArithmetic spec, long[] tally) {
        NDArray xm = x.mantissas();
        long k = xm.getShape().get(xm.getShape().dimension() - 1);
        NDArray y =
                ChunkedGemm.matmul(
                        xm.reshape(-1, k),
                        w.mantissas().transpose(),
                        x.exponent() + w.exponent(),
                        spec.chunkLength(),
                        tally);
        long units = w.mantissas().getShape().get(0);
        return y.reshape(xm.getShape().slice(0, xm.getShape().dimension() - 1).add(units));
    }

    @Override
    public NDArray backwardData(
            DfpArray e, DfpArray w, Shape inputShape, IntegerArithmetic spec, long[] tally) {
        long units = w.mantissas().getShape().get(0);
        return ChunkedGemm.matmul(
                        e.mantissas().reshape(-1, units),
                        w.mantissas(),
                        e.exponent() + w.exponent(),
                        spec.chunkLength(),
                        tally)
                .reshape(inputShape);
    }

    @Override
    public NDArray backwardWeights(
            DfpArray x, DfpArray e, Shape weightShape, IntegerArithmetic spec, long[] tally) {
        return ChunkedGemm.matmul(
                e.mantissas().reshape(-1, weightShape.get(0)).transpose(),
                x.mantissas().reshape(-1, weightShape.get(1)),
                x.exponent() + e.exponent(),
                spec.chunkLength(),
                tally);
    }

    @Override
    public NDArray addBias(NDArray y, NDArray bias) {
        return bias == null ? y : y.add(bias);
    }

    @Override
    public NDArray plain(NDArray x, NDArray w, NDArray bias) {
        return Linear.linear(x, w, bias).singletonOrThrow();
    }
}
