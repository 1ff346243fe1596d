/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.NDArrayMath.copySign;
import static io.github.muppetdjl.quant.kernel.NDArrayMath.count;
import static io.github.muppetdjl.quant.kernel.NDArrayMath.roundMagnitude;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * Quantises with DJL NDArray operations only, so it runs wherever the array lives (CPU or CUDA) and
 * never copies it to the host. It reproduces {@link
 * io.github.muppetdjl.quant.reference.ScalarQuantizer} bit for bit by doing the reference's double
 * arithmetic in FLOAT64 arrays; the counter generator, which needs unsigned 32-bit integer
 * arithmetic that DJL lacks, is evaluated exactly in FLOAT64 too (see {@link NDArrayMath}).
 *
 * <p>Intermediates live in a temporary sub-manager closed before returning; a copy returned by
 * {@link #quantize} is attached to the input's manager. About 30-70 array operations per call (more
 * with stochastic rounding), so on CPU prefer {@link CpuFastQuantizer}.
 */
public final class NDArrayQuantizer implements TensorQuantizer {

    /** The shared instance; the class is stateless. */
    public static final NDArrayQuantizer INSTANCE = new NDArrayQuantizer();

    private NDArrayQuantizer() {}

    @Override
    public NDArray quantize(NDArray x, Precision precision, long key, StatsAccumulator stats) {
        KernelLoader.requireFloat32(x);
        NDManager owner = x.getManager();
        if (precision.isIdentity() || x.size() == 0) {
            addTotal(stats, x.size());
            return x.duplicate();
        }
        try (NDManager tmp = owner.newSubManager(x.getDevice())) {
            x.tempAttach(tmp);
            NDArray q = compute(tmp, x, precision, key, stats);
            q.attach(owner);
            return q;
        }
    }

    @Override
    public NDArray quantizeInPlace(
            NDArray x, Precision precision, long key, StatsAccumulator stats) {
        KernelLoader.requireFloat32(x);
        if (precision.isIdentity() || x.size() == 0) {
            addTotal(stats, x.size());
            return x;
        }
        try (NDManager tmp = x.getManager().newSubManager(x.getDevice())) {
            x.tempAttach(tmp);
            NDArray q = compute(tmp, x, precision, key, stats);
            // An indexed put copies on the array's own device.
            x.set(new NDIndex("..."), q);
        }
        return x;
    }

    private static void addTotal(StatsAccumulator stats, long total) {
        if (stats != null) {
            stats.add(total, 0, 0, 0);
        }
    }

    private static NDArray compute(
            NDManager tmp, NDArray x, Precision precision, long key, StatsAccumulator stats) {
        long size = x.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "arrays of at most 2^31 - 1 elements are supported, got " + size);
        }
        NumberFormat format = precision.format();
        long[] counts = stats == null ? null : new long[3];
        NDArray flat = x.reshape(-1);
        NDArray q;
        if (format instanceof FixedPoint fixed) {
            NDArray scale = tmp.create(Math.scalb(1.0, fixed.fractionBits()));
            q = grid(tmp, flat, scale, null, fixed.maxInteger(), precision.rounding(), key, counts);
        } else if (format instanceof BlockFloatingPoint bfp) {
            q = NDArrayBlocks.quantize(tmp, flat, x.getShape(), bfp, precision, key, counts);
        } else if (format instanceof RangeLinear range) {
            q =
                    NDArrayRange.quantize(
                            tmp, flat, x.getShape(), range, precision.rounding(), key, counts);
        } else {
            FloatingPoint fp = (FloatingPoint) format;
            q = NDArrayFloats.quantize(tmp, flat, fp, precision.rounding(), key, counts);
        }
        if (counts != null) {
            stats.add(
                    size,
                    counts[FastKernel.SATURATED],
                    counts[FastKernel.UNDERFLOWED],
                    counts[FastKernel.NON_FINITE]);
        }
        return q.reshape(x.getShape());
    }

    /**
     * Quantises {@code v} to {@code I * scale^-1}, {@code I} in {@code [-(maxI+1), maxI]}: fixed
     * point, and block floating point with a per-block {@code scale}. NaN stays; ±Infinity (fixed
     * point only) rounds to infinity and saturates, as the reference specifies.
     *
     * @param tmp the temporary manager
     * @param v FLOAT32 values
     * @param scale FLOAT64 {@code 2^s}, broadcastable to {@code v}
     * @param valid where to quantise (broadcastable; elsewhere {@code v} is kept and nothing
     *     counted), or null for everywhere
     * @param maxI the largest integer
     * @param rounding the rounding
     * @param key the generator key
     * @param counts statistics to add to, or null
     * @return FLOAT32 results shaped as {@code v}
     */
    static NDArray grid(
            NDManager tmp,
            NDArray v,
            NDArray scale,
            NDArray valid,
            long maxI,
            Rounding rounding,
            long key,
            long[] counts) {
        NDArray a = v.toType(DataType.FLOAT64, true).abs();
        NDArray u = uniform(tmp, v, rounding, key);
        NDArray m = roundMagnitude(a.mul(scale), rounding, u);
        NDArray limit = v.lt(0f).toType(DataType.FLOAT64, false).addi((double) maxI);
        NDArray clamped = m.minimum(limit);
        NDArray q64 = clamped.div(scale);
        // BlockFloatingPoint's rule: a grid value at 2^128, which FP32 cannot hold, steps one
        // integer back toward zero and counts as saturated.
        NDArray beyond = q64.gte(0x1p128);
        if (counts != null) {
            NDArray finite = a.lt(Double.POSITIVE_INFINITY);
            NDArray scope = valid == null ? finite : finite.logicalAnd(valid);
            counts[FastKernel.NON_FINITE] += count(finite.logicalNot());
            NDArray saturated = m.gt(limit).logicalOr(beyond);
            counts[FastKernel.SATURATED] += count(saturated.logicalAnd(scope));
            NDArray zero = m.eq(0.0).logicalAnd(a.neq(0.0));
            counts[FastKernel.UNDERFLOWED] += count(zero.logicalAnd(scope));
            zero.close();
        }
        a.close();
        NDArray back = clamped.subi(1.0).divi(scale);
        q64 = NDArrayMath.where(beyond, back, q64);
        NDArray q = q64.toType(DataType.FLOAT32, false);
        NDArray r = copySign(q, v);
        NDArray keep = valid == null ? v.isNaN() : valid.logicalNot().logicalOr(v.isNaN());
        return NDArrayMath.where(keep, v, r);
    }

    /** The generator's uniform integers shaped as {@code v}, or null unless stochastic. */
    static NDArray uniform(NDManager tmp, NDArray v, Rounding rounding, long key) {
        if (rounding != Rounding.STOCHASTIC) {
            return null;
        }
        return NDArrayMath.uniform24(tmp, (int) v.size(), key).reshape(v.getShape());
    }
}
