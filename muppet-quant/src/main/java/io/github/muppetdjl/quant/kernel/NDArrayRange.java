/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.NDArrayMath.count;
import static io.github.muppetdjl.quant.kernel.NDArrayMath.where;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * {@link RangeLinear} (CPT's quantiser; docs/algorithms.md §6.5) with NDArray operations, for
 * {@link NDArrayQuantizer} and for quantising over a given range on any device. The reference's
 * double arithmetic is done in FLOAT64 arrays, one IEEE operation for each of the reference's, so
 * results agree bit for bit. Blocks are the middle axis of an {@code [outer, period, inner]} view,
 * as in {@link NDArrayBlocks}; tiles are padded with copies of the last element, which leave the
 * last tile's minimum and maximum as they are.
 */
final class NDArrayRange {

    private NDArrayRange() {}

    /** Quantises {@code flat} (FLOAT32, row-major elements of {@code shape}) block by block. */
    static NDArray quantize(
            NDManager tmp,
            NDArray flat,
            Shape shape,
            RangeLinear format,
            Rounding rounding,
            long key,
            long[] counts) {
        BlockLayout layout = BlockLayout.of(format.block(), shape.getShape());
        long n = flat.size();
        long row = layout.period() * layout.inner();
        long padded = (n + row - 1) / row * row;
        NDArray v = flat;
        if (padded != n) {
            NDArray last = flat.get((n - 1) + ":" + n);
            NDArray fill = last.repeat(padded - n);
            v = flat.concat(fill);
        }
        NDArray v3 = v.reshape(padded / row, layout.period(), layout.inner());
        NDArray v64 = v3.toType(DataType.FLOAT64, true);
        NDArray finite = v64.abs().lt(Double.POSITIVE_INFINITY);
        NDArray bad = finite.logicalNot().toType(DataType.FLOAT64, false);
        NDArray valid = reduce(bad, true).eq(0.0);
        NDArray inf = tmp.create(Double.POSITIVE_INFINITY);
        NDArray lo = reduce(where(finite, v64, inf), false);
        NDArray hi = reduce(where(finite, v64, inf.neg()), true);
        NDArray zero = tmp.create(0.0);
        lo = where(valid, lo, zero);
        hi = where(valid, hi, zero);
        if (counts != null) {
            counts[FastKernel.NON_FINITE] += count(finite.logicalNot());
        }
        NDArray q = onGrid(tmp, v3, v64, lo, hi, format, rounding, key, valid, counts);
        NDArray out = q.reshape(-1);
        return padded == n ? out : out.get("0:" + n);
    }

    /**
     * Quantises {@code x} over the given range {@code [lo, hi]}; NaN and ±Infinity are left as they
     * are (and counted).
     */
    static NDArray quantizeInRange(
            NDManager tmp,
            NDArray x,
            RangeLinear format,
            Rounding rounding,
            float lo,
            float hi,
            long key,
            long[] counts) {
        NDArray v64 = x.toType(DataType.FLOAT64, true);
        NDArray finite = v64.abs().lt(Double.POSITIVE_INFINITY);
        if (counts != null) {
            counts[FastKernel.NON_FINITE] += count(finite.logicalNot());
        }
        return onGrid(
                tmp,
                x,
                v64,
                tmp.create((double) lo),
                tmp.create((double) hi),
                format,
                rounding,
                key,
                finite,
                counts);
    }

    /**
     * The grid step: {@code y = (x - lo) / scale}, clamped to {@code [0, L]} (counting what lay
     * outside where {@code valid}), rounded, then {@code q * scale + lo} rounded once to FP32.
     * Elements outside {@code valid} keep their value.
     */
    private static NDArray onGrid(
            NDManager tmp,
            NDArray v,
            NDArray v64,
            NDArray lo,
            NDArray hi,
            RangeLinear format,
            Rounding rounding,
            long key,
            NDArray valid,
            long[] counts) {
        double levels = format.levels();
        NDArray scale = hi.sub(lo).div(levels).maximum(RangeLinear.MIN_SCALE);
        NDArray y = v64.sub(lo).div(scale);
        if (counts != null) {
            NDArray outside = y.lt(0.0).logicalOr(y.gt(levels));
            counts[FastKernel.SATURATED] += count(outside.logicalAnd(valid));
        }
        // NaN survives clip; such elements are replaced by their input below.
        NDArray clipped = y.clip(0.0, levels);
        NDArray u = NDArrayQuantizer.uniform(tmp, v, rounding, key);
        NDArray q = NDArrayMath.roundMagnitude(clipped, rounding, u);
        NDArray value = q.mul(scale).add(lo).toType(DataType.FLOAT32, false);
        return where(valid, value, v);
    }

    /** Minimum or maximum over the outer and inner axes of {@code [outer, period, inner]}. */
    private static NDArray reduce(NDArray a, boolean max) {
        // PyTorch reduces one axis at a time.
        NDArray inner = max ? a.max(new int[] {2}, true) : a.min(new int[] {2}, true);
        return max ? inner.max(new int[] {0}, true) : inner.min(new int[] {0}, true);
    }
}
