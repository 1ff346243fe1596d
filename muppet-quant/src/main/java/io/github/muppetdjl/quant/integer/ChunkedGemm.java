/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The engine emulation of integer DFP16 products (docs/algorithms.md §6.4), equal bit for bit to
 * {@link DfpReference} and {@link ConvReference}. Why it is exact: mantissas are integers held in
 * FLOAT64, every product is below 2^30 and every partial sum of a chunk below 2^53, so the engine's
 * FLOAT64 matmul and convolution return each chunk's exact integer sum, in any summation order.
 * Slicing the reduction (features, channels or samples) gives the chunks; each is flushed as the
 * reference flushes it.
 *
 * <p>Convolutions have one or two spatial axes and no groups; inputs are NC(H)W.
 */
public final class ChunkedGemm {

    private ChunkedGemm() {}

    /**
     * {@code a · b} with the reduction over {@code a}'s columns cut into chunks of {@code chunk}.
     *
     * @param a {@code m × r} mantissas
     * @param b {@code r × n} mantissas
     * @param scaleExponent {@code s_a + s_b}
     * @param chunk products per chunk, at least 1
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the FP32 {@code m × n} result, on {@code a}'s manager
     */
    public static NDArray matmul(NDArray a, NDArray b, int scaleExponent, int chunk, long[] tally) {
        long r = a.getShape().get(1);
        try (NDScope scope = new NDScope()) {
            ChunkFlusher f = new ChunkFlusher(scaleExponent);
            for (long lo = 0; lo < r; lo += chunk) {
                long hi = Math.min(r, lo + chunk);
                f.add(
                        a.get(new NDIndex(":, {}:{}", lo, hi))
                                .matMul(b.get(new NDIndex("{}:{}", lo, hi))));
            }
            return keep(f.finish(tally));
        }
    }

    /**
     * A convolution's forward product, chunked over input channels.
     *
     * @param x input mantissas, {@code N × C × spatial}
     * @param w weight mantissas, {@code O × C × kernel}
     * @param scaleExponent {@code s_x + s_w}
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param spec the chunk length
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the FP32 output
     */
    public static NDArray convForward(
            NDArray x,
            NDArray w,
            int scaleExponent,
            Shape stride,
            Shape padding,
            Shape dilation,
            IntegerArithmetic spec,
            long[] tally) {
        long channels = x.getShape().get(1);
        int per = spec.slicesPerChunk(kernelSize(w));
        try (NDScope scope = new NDScope()) {
            ChunkFlusher f = new ChunkFlusher(scaleExponent);
            for (long lo = 0; lo < channels; lo += per) {
                NDIndex chunk = new NDIndex(":, {}:{}", lo, Math.min(channels, lo + per));
                f.add(
                        x.getNDArrayInternal()
                                .convolution(
                                        x.get(chunk),
                                        w.get(chunk),
                                        null,
                                        stride,
                                        padding,
                                        dilation,
                                        1)
                                .singletonOrThrow());
            }
            return keep(f.finish(tally));
        }
    }

    /**
     * A convolution's backward-data product, chunked over output channels. DJL's PyTorch engine has
     * no transposed convolution, so each chunk is a plain one: the error, spread out by the stride
     * and framed with zeros, correlated with the weight flipped in space and with input and output
     * channels swapped, then cropped by the padding. Only zeros are added, so the sums are the
     * same.
     *
     * @param e error mantissas, {@code N × O × outSpatial}
     * @param w weight mantissas, {@code O × C × kernel}
     * @param inputShape the input's shape
     * @param scaleExponent {@code s_e + s_w}
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param spec the chunk length
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the FP32 input gradient
     */
    public static NDArray convBackwardData(
            NDArray e,
            NDArray w,
            Shape inputShape,
            int scaleExponent,
            Shape stride,
            Shape padding,
            Shape dilation,
            IntegerArithmetic spec,
            long[] tally) {
        int dims = stride.dimension();
        long channels = e.getShape().get(1);
        int per = spec.slicesPerChunk(kernelSize(w));
        try (NDScope scope = new NDScope()) {
            long[] framed = new long[dims + 2];
            framed[0] = e.getShape().get(0);
            framed[1] = channels;
            StringBuilder place = new StringBuilder(":, :");
            StringBuilder crop = new StringBuilder(":, :");
            int[] axes = new int[dims];
            for (int d = 0; d < dims; d++) {
                long k = w.getShape().get(2 + d);
                long out = e.getShape().get(2 + d);
                long reach = dilation.get(d) * (k - 1);
                long spread = (out - 1) * stride.get(d) + 1;
                long in = inputShape.get(2 + d);
                framed[2 + d] = Math.max(spread + 2 * reach, padding.get(d) + in + reach);
                place.append(", ")
                        .append(reach)
                        .append(':')
                        .append(reach + spread)
                        .append(':')
                        .append(stride.get(d));
                crop.append(", ").append(padding.get(d)).append(':').append(padding.get(d) + in);
                axes[d] = 2 + d;
            }
            NDArray z = e.getManager().zeros(new Shape(framed), e.getDataType());
            z.set(new NDIndex(place.toString()), e);
            NDArray flipped = w.flip(axes).swapAxes(0, 1);
            Shape ones = new Shape(ones(dims));
            Shape none = new Shape(new long[dims]);
            NDIndex cropIndex = new NDIndex(crop.toString());
            ChunkFlusher f = new ChunkFlusher(scaleExponent);
            for (long lo = 0; lo < channels; lo += per) {
                NDIndex chunk = new NDIndex(":, {}:{}", lo, Math.min(channels, lo + per));
                NDArray full =
                        e.getNDArrayInternal()
                                .convolution(
                                        z.get(chunk),
                                        flipped.get(chunk),
                                        null,
                                        ones,
                                        none,
                                        dilation,
                                        1)
                                .singletonOrThrow();
                f.add(full.get(cropIndex));
            }
            return keep(f.finish(tally));
        }
    }

    private static long[] ones(int dims) {
        long[] one = new long[dims];
        java.util.Arrays.fill(one, 1L);
        return one;
    }

    /**
     * A convolution's backward-weights product, chunked over samples. Each chunk is itself a
     * convolution: the input with batch and channels swapped, filtered by the error with batch and
     * channels swapped, where the original stride acts as dilation and the dilation as stride.
     *
     * @param x input mantissas, {@code N × C × spatial}
     * @param e error mantissas, {@code N × O × outSpatial}
     * @param kernel the kernel's spatial shape
     * @param scaleExponent {@code s_x + s_e}
     * @param stride the stride
     * @param padding the padding
     * @param dilation the dilation
     * @param spec the chunk length
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the FP32 weight gradient, {@code O × C × kernel}
     */
    public static NDArray convBackwardWeights(
            NDArray x,
            NDArray e,
            Shape kernel,
            int scaleExponent,
            Shape stride,
            Shape padding,
            Shape dilation,
            IntegerArithmetic spec,
            long[] tally) {
        long batch = x.getShape().get(0);
        long positions = e.getShape().slice(2).size();
        int per = spec.slicesPerChunk(positions);
        StringBuilder crop = new StringBuilder(":, :");
        for (int d = 0; d < kernel.dimension(); d++) {
            crop.append(", :").append(kernel.get(d));
        }
        NDIndex cropIndex = new NDIndex(crop.toString());
        try (NDScope scope = new NDScope()) {
            ChunkFlusher f = new ChunkFlusher(scaleExponent);
            for (long lo = 0; lo < batch; lo += per) {
                NDIndex chunk = new NDIndex("{}:{}", lo, Math.min(batch, lo + per));
                NDArray s =
                        x.getNDArrayInternal()
                                .convolution(
                                        x.get(chunk).swapAxes(0, 1),
                                        e.get(chunk).swapAxes(0, 1),
                                        null,
                                        dilation,
                                        padding,
                                        stride,
                                        1)
                                .singletonOrThrow();
                f.add(s.get(cropIndex).swapAxes(0, 1));
            }
            return keep(f.finish(tally));
        }
    }

    private static long kernelSize(NDArray w) {
        return w.getShape().slice(2).size();
    }

    private static NDArray keep(NDArray result) {
        NDScope.unregister(result);
        return result;
    }
}
