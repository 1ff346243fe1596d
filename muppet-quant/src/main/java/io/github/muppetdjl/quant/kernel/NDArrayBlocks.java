/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.quantizer.Precision;

/**
 * Block floating point for {@link NDArrayQuantizer}. The flat tensor is viewed as {@code [outer,
 * period, inner]} so that every block is one index of the middle axis (a slice: the sliced
 * dimension; tiles: zero-padded rows of {@code size}; the whole tensor: a single row), and block
 * maxima are one reduction over the outer axes.
 */
final class NDArrayBlocks {

    private NDArrayBlocks() {}

    static NDArray quantize(
            NDManager tmp,
            NDArray flat,
            Shape shape,
            BlockFloatingPoint bfp,
            Precision precision,
            long key,
            long[] counts) {
        BlockLayout layout = BlockLayout.of(bfp.block(), shape.getShape());
        long n = flat.size();
        long row = layout.period() * layout.inner();
        long padded = (n + row - 1) / row * row;
        NDArray v = flat;
        if (padded != n) {
            NDArray zeros = tmp.zeros(new Shape(padded - n), DataType.FLOAT32);
            v = flat.concat(zeros);
            zeros.close();
        }
        NDArray v3 = v.reshape(padded / row, layout.period(), layout.inner());
        NDArray a = v3.toType(DataType.FLOAT64, true).abs();
        // PyTorch's max reduces one axis at a time.
        NDArray innerMax = a.max(new int[] {2}, true);
        a.close();
        NDArray max = innerMax.max(new int[] {0}, true);
        innerMax.close();
        NDArray valid = max.lt(Double.POSITIVE_INFINITY).logicalAnd(max.gt(0.0));
        NDArray one = tmp.create(1.0);
        NDArray safeMax = NDArrayMath.where(valid, max, one);
        // 2^s = 2^(w-2) / 2^floor(log2 max), halved if max would land above 2^(w-1) - 0.5.
        NDArray lead = NDArrayMath.leadingPow2(tmp, safeMax);
        NDArray scale = tmp.create(Math.scalb(1.0, bfp.mantissaBits() - 2)).div(lead);
        NDArray top = safeMax.mul(scale);
        NDArray over = top.gt(Math.scalb(1.0, bfp.mantissaBits() - 1) - 0.5);
        NDArray halved = scale.div(2.0);
        NDArray s = NDArrayMath.where(over, halved, scale);
        long maxI = (1L << (bfp.mantissaBits() - 1)) - 1;
        NDArray q =
                NDArrayQuantizer.grid(tmp, v3, s, valid, maxI, precision.rounding(), key, counts);
        NDArray out = q.reshape(-1);
        return padded == n ? out : out.get("0:" + n);
    }
}
