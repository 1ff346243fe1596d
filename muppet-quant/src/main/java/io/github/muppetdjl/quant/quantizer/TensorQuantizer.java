/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Quantises FP32 NDArrays exactly as {@link io.github.muppetdjl.quant.reference.ScalarQuantizer}
 * defines, element index = row-major index.
 *
 * <p>Implementations are stateless and thread-safe; per-site state (statistics, generator keys)
 * belongs to the caller.
 */
public interface TensorQuantizer {

    /**
     * Returns a new array holding {@code x} quantised; {@code x} is not changed. The result lives
     * on {@code x}'s manager and device.
     *
     * @param x a FLOAT32 array on any device
     * @param precision format and rounding
     * @param key the generator key, from {@link io.github.muppetdjl.quant.rounding.StreamKeys} in
     *     training (ignored unless stochastic)
     * @param stats where to add what happened, or {@code null} to skip counting (cheaper)
     * @return the quantised copy
     * @throws IllegalArgumentException if {@code x} is not FLOAT32
     */
    NDArray quantize(NDArray x, Precision precision, long key, StatsAccumulator stats);

    /**
     * Quantises {@code x} in place and returns it.
     *
     * @param x a FLOAT32 array on any device
     * @param precision format and rounding
     * @param key the generator key (ignored unless stochastic)
     * @param stats where to add what happened, or {@code null} to skip counting
     * @return {@code x}
     * @throws IllegalArgumentException if {@code x} is not FLOAT32
     */
    NDArray quantizeInPlace(NDArray x, Precision precision, long key, StatsAccumulator stats);

    /**
     * Writes {@code src} quantised into {@code dst} and returns {@code dst}; {@code src} is not
     * changed. The values, statistics and draws are those of {@link #quantize} with the same
     * arguments. Why: an optimizer that keeps a master copy writes the quantised master into the
     * live weight every step, and doing it in one go saves a trip through memory over a copy and
     * then an in-place pass.
     *
     * <p>{@code dst} keeps its storage, autograd identity and gradient. The two arrays must not
     * share memory unless they are the same array.
     *
     * @param src a FLOAT32 array on any device
     * @param dst a FLOAT32 array of {@code src}'s shape on its device
     * @param precision format and rounding
     * @param key the generator key (ignored unless stochastic)
     * @param stats where to add what happened, or {@code null} to skip counting
     * @return {@code dst}
     * @throws IllegalArgumentException if either is not FLOAT32, or the shapes or devices differ
     */
    default NDArray quantizeInto(
            NDArray src, NDArray dst, Precision precision, long key, StatsAccumulator stats) {
        requireInto(src, dst);
        if (src == dst) {
            return quantizeInPlace(dst, precision, key, stats);
        }
        try (NDArray q = quantize(src, precision, key, stats)) {
            if (dst.getShape().dimension() == 0) {
                // A full slice needs an axis; a scalar is one value.
                q.copyTo(dst);
            } else {
                dst.set(new NDIndex("..."), q);
            }
        }
        return dst;
    }

    /**
     * Throws unless {@code src} and {@code dst} are FLOAT32 arrays of one shape on one device.
     *
     * @param src the source
     * @param dst the destination
     * @throws IllegalArgumentException naming what differs
     */
    static void requireInto(NDArray src, NDArray dst) {
        if (src.getDataType() != DataType.FLOAT32 || dst.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "quantizers take FLOAT32 arrays, got "
                            + src.getDataType()
                            + " into "
                            + dst.getDataType());
        }
        if (!src.getShape().equals(dst.getShape())) {
            throw new IllegalArgumentException(
                    "cannot quantise " + src.getShape() + " into " + dst.getShape());
        }
        if (!src.getDevice().equals(dst.getDevice())) {
            throw new IllegalArgumentException(
                    "cannot quantise from " + src.getDevice() + " into " + dst.getDevice());
        }
    }
}
