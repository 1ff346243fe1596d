/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.integer.ChunkedGemm;
import io.github.muppetdjl.quant.integer.DfpArray;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;

/**
 * A one- or two-dimensional convolution's products (no groups): slices are input channels, output
 * channels and samples ({@link IntegerArithmetic}).
 */
final class ConvProduct implements IntegerProduct {

    private final Shape stride;
    private final Shape padding;
    private final Shape dilation;

    ConvProduct(Shape stride, Shape padding, Shape dilation) {
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
    }

    @Override
    public NDArray forward(DfpArray x, DfpArray w, IntegerArithmetic spec, long[] tally) {
        return ChunkedGemm.convForward(
                x.mantissas(),
                w.mantissas(),
                x.exponent() + w.exponent(),
                stride,
                padding,
                dilation,
                spec,
                tally);
    }

    @Override
    public NDArray backwardData(
            DfpArray e, DfpArray w, Shape inputShape, IntegerArithmetic spec, long[] tally) {
        return ChunkedGemm.convBackwardData(
                e.mantissas(),
                w.mantissas(),
                inputShape,
                e.exponent() + w.exponent(),
                stride,
                padding,
                dilation,
                spec,
                tally);
    }

    @Override
    public NDArray backwardWeights(
            DfpArray x, DfpArray e, Shape weightShape, IntegerArithmetic spec, long[] tally) {
        return ChunkedGemm.convBackwardWeights(
                x.mantissas(),
                e.mantissas(),
                weightShape.slice(2),
                x.exponent() + e.exponent(),
                stride,
                padding,
                dilation,
                spec,
                tally);
    }

    @Override
    public NDArray addBias(NDArray y, NDArray bias) {
        if (bias == null) {
            return y;
        }
        long[] shape = new long[y.getShape().dimension()];
        java.util.Arrays.fill(shape, 1L);
        shape[1] = bias.size();
        return y.add(bias.reshape(shape));
    }

    @Override
    public NDArray plain(NDArray x, NDArray w, NDArray bias) {
        return x.getNDArrayInternal()
                .convolution(x, w, bias, stride, padding, dilation, 1)
                .singletonOrThrow();
    }
}
