/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
        long m = a.getShape().get(0);
        long r = a.getShape().get(1);
        long n = b.getShape().get(1);
        long g = (r + chunk - 1) / chunk;
        try (NDScope scope = new NDScope()) {
            NDArray ap = a;
            NDArray bp = b;
            if (g * chunk > r) {
                // Zero products change no sum: pad the reduction to whole chunks.
                long pad = g * chunk - r;
                ap = a.concat(a.getManager().zeros(new Shape(m, pad), a.getDataType()), 1);
                bp = b.concat(b.getManager().zeros(new Shape(pad, n), b.getDataType()), 0);
            }
            // [G, M, L] x [G, L, N]: one batched product gives every chunk's sums.
            NDArray sums =
                    ap.reshape(m, g, chunk).transpose(1, 0, 2).matMul(bp.reshape(g, chunk, n));
            ChunkFlusher f = new ChunkFlusher(scaleExponent);
            f.addAll(sums);
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
     * A convolution's backward-weights product, chunked over samples: the input patch under each
     * kernel tap is gathered per sample, one batched product gives every sample's exact sums, and a
     * chunk adds whole samples (exact in FP64 too).
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
        int dims = kernel.dimension();
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long filters = e.getShape().get(1);
        Shape outSpatial = e.getShape().slice(2);
        long positions = outSpatial.size();
        long taps = kernel.size();
        int per = spec.slicesPerChunk(positions);
        try (NDScope scope = new NDScope()) {
            // The input patch each kernel tap reads, per sample: N × (C · taps) × positions.
            long[] padded = new long[dims + 2];
            padded[0] = batch;
            padded[1] = channels;
            StringBuilder centre = new StringBuilder(":, :");
            for (int d = 0; d < dims; d++) {
                long in = x.getShape().get(2 + d);
                padded[2 + d] = in + 2 * padding.get(d);
                centre.append(", ").append(padding.get(d)).append(':').append(padding.get(d) + in);
            }
            NDArray xp = x.getManager().zeros(new Shape(padded), x.getDataType());
            xp.set(new NDIndex(centre.toString()), x);
            NDList patches = new NDList();
            for (long t = 0; t < taps; t++) {
                StringBuilder idx = new StringBuilder(":, :");
                long rest = t;
                long[] tap = new long[dims];
                for (int d = dims - 1; d >= 0; d--) {
                    tap[d] = rest % kernel.get(d);
                    rest /= kernel.get(d);
                }
                for (int d = 0; d < dims; d++) {
                    long start = tap[d] * dilation.get(d);
                    long end = start + (outSpatial.get(d) - 1) * stride.get(d) + 1;
                    idx.append(", ")
                            .append(start)
                            .append(':')
                            .append(end)
                            .append(':')
                            .append(stride.get(d));
                }
                patches.add(
                        xp.get(new NDIndex(idx.toString())).reshape(batch, channels, positions));
            }
            NDArray cols = NDArrays.stack(patches, 2).reshape(batch, channels * taps, positions);
            // Per-sample sums N × O × (C · taps), exact; a chunk adds whole samples.
            NDArray perSample =
                    e.reshape(batch, filters, positions).matMul(cols.transpose(0, 2, 1));
            NDArray sums;
            if (per == 1) {
                sums = perSample;
            } else {
                NDList chunks = new NDList();
                for (long lo = 0; lo < batch; lo += per) {
                    NDIndex chunk = new NDIndex("{}:{}", lo, Math.min(batch, lo + per));
                    chunks.add(perSample.get(chunk).sum(new int[] {0}));
                }
                sums = NDArrays.stack(chunks, 0);
            }
            ChunkFlusher f = new ChunkFlusher(scaleExponent);
            f.addAll(
                    sums.reshape(
                            new Shape(sums.getShape().get(0), filters, channels).addAll(kernel)));
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
