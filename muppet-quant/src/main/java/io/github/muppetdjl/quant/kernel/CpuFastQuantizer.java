/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU fast path: quantises a contiguous FLOAT32 CPU array in place through the direct buffer
 * that aliases its memory ({@code toByteBuffer(true)}), in one multi-threaded pass (two for block
 * floating point: block maxima, then the values). The kernel uses the Java Vector API when the
 * {@code jdk.incubator.vector} module is present (run with {@code --add-modules
 * jdk.incubator.vector}; the kernel is written against Java 17's incubator API, so on later JDKs
 * that changed it (checked on 25) its self-check fails and the loop is used), a plain loop
 * otherwise; both agree with {@link io.github.muppetdjl.quant.reference.ScalarQuantizer} bit for
 * bit, and results do not depend on the thread count.
 *
 * <p>The vector kernel does not load from the direct buffer with vector loads, which Java 17
 * compiles poorly: it copies the buffer a few thousand elements at a time into a small heap array
 * that stays in L1, quantises there and copies back (see {@link VectorStage}). Besides moving the
 * data, block floating point costs an extra read pass for the block maximum, and stochastic
 * rounding the generator's 32-bit multiplies per element. Throughput figures are in {@code
 * docs/benchmarks.md}.
 *
 * <p>A copy ({@link #quantize}) of a packed array is written straight from its memory into fresh
 * memory. A strided array (a non-contiguous view, or the channels-last tensors PyTorch's CPU
 * convolutions produce) is quantised in the engine's packed row-major copy, and a channels-last
 * array's copy is handed back channels-last (see {@link TensorMemory}); in place, the packed copy
 * is written back through the engine. Arrays on other devices, and arrays of more than {@code 2^29}
 * elements, go to {@link NDArrayQuantizer}.
 */
public final class CpuFastQuantizer implements TensorQuantizer {

    private static final FastKernel DEFAULT_KERNEL = KernelLoader.load();

    private final ChunkRunner runner;
    private final FastKernel kernel;
    private final KernelPass pass;

    /**
     * Whether strided arrays of a shape were last seen channels-last (true) or strided some other
     * way (false). Telling a channels-last tensor from another strided one costs an engine copy
     * when the first guess is wrong; shapes repeat from batch to batch, so the answer of last time
     * is tried first.
     */
    private final Map<Shape, Boolean> channelsLastShapes = new ConcurrentHashMap<>();

    /** Creates a fast quantiser using all available processors. */
    public CpuFastQuantizer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates a fast quantiser with a given thread count.
     *
     * @param threads worker threads (the caller's included), at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public CpuFastQuantizer(int threads) {
        this(threads, DEFAULT_KERNEL);
    }

    CpuFastQuantizer(int threads, FastKernel kernel) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.runner = new ChunkRunner(threads);
        this.kernel = kernel;
        this.pass = new KernelPass(kernel, runner);
    }

    /**
     * Returns the thread count.
     *
     * @return at least 1
     */
    public int threads() {
        return runner.threads();
    }

    /**
     * Returns whether this quantiser's kernel uses the Java Vector API.
     *
     * @return true when {@code jdk.incubator.vector} is present and works
     */
    public boolean isVectorized() {
        return kernel != ScalarKernel.INSTANCE;
    }

    @Override
    public NDArray quantize(NDArray x, Precision precision, long key, StatsAccumulator stats) {
        KernelLoader.requireFloat32(x);
        if (!isCpu(x)) {
            return NDArrayQuantizer.INSTANCE.quantize(x, precision, key, stats);
        }
        long size = x.size();
        if (precision.isIdentity() || size == 0 || size > Integer.MAX_VALUE / 4) {
            return quantizeInPlace(x.duplicate(), precision, key, stats);
        }
        if (channelsLastCapable(precision)
                && channelsLastShapes.getOrDefault(x.getShape(), false)) {
            NDArray out = quantizeChannelsLast(x, precision, key, stats, false);
            if (out != null) {
                return out;
            }
            channelsLastShapes.put(x.getShape(), false);
        }
        TensorMemory.Source src = TensorMemory.packedSource(x);
        if (src != null && src.copy() == null) {
            // x is packed: quantise straight from its memory into fresh, uninitialised memory,
            // one trip through memory instead of a clone and then an in-place pass.
            NDArray out = x.getManager().create(x.getShape(), DataType.FLOAT32);
            ByteBuffer dst = isCpu(out) ? TensorMemory.freshBuffer(out) : null;
            if (dst != null) {
                pass.runCounted(src.buffer(), dst, out, precision, key, stats);
                return out;
            }
            out.close();
        } else if (src != null) {
            // x is strided (PyTorch's CPU convolutions hand out channels-last tensors): the engine
            // made a packed copy in row-major order, the order the random draws are keyed by.
            pass.runCounted(src.buffer(), src.buffer(), src.copy(), precision, key, stats);
            NDArray out = TensorMemory.sameLayout(x, src.copy());
            if (channelsLastCapable(precision)) {
                // Next time, read a channels-last shape's memory directly (channelsLastShapes).
                channelsLastShapes.put(x.getShape(), out != src.copy());
            }
            return out;
        }
        // Another engine: flatten (a packed copy of a strided x), copy, view it in x's shape.
        NDArray copy;
        try (NDArray flat = x.reshape(-1);
                NDArray packed = flat.duplicate()) {
            copy = packed.reshape(x.getShape());
        }
        ByteBuffer buf = TensorMemory.aliasedBuffer(copy);
        if (buf == null) {
            return NDArrayQuantizer.INSTANCE.quantizeInPlace(copy, precision, key, stats);
        }
        pass.runCounted(buf, buf, copy, precision, key, stats);
        return copy;
    }

    @Override
    public NDArray quantizeInPlace(
            NDArray x, Precision precision, long key, StatsAccumulator stats) {
        KernelLoader.requireFloat32(x);
        long size = x.size();
        if (precision.isIdentity() || size == 0) {
            if (stats != null) {
                stats.add(size, 0, 0, 0);
            }
            return x;
        }
        if (!isCpu(x) || size > Integer.MAX_VALUE / 4) {
            return NDArrayQuantizer.INSTANCE.quantizeInPlace(x, precision, key, stats);
        }
        boolean capable = channelsLastCapable(precision) && x.getShape().dimension() >= 3;
        Boolean seen = capable ? channelsLastShapes.get(x.getShape()) : Boolean.FALSE;
        if (Boolean.TRUE.equals(seen)) {
            if (quantizeChannelsLast(x, precision, key, stats, true) != null) {
                return x;
            }
            channelsLastShapes.put(x.getShape(), false);
            seen = Boolean.FALSE;
        }
        TensorMemory.Source src = TensorMemory.packedSource(x);
        if (src != null && src.copy() == null) {
            pass.runCounted(src.buffer(), src.buffer(), x, precision, key, stats);
            return x;
        } else if (src != null && seen == null) {
            // A strided array that may be channels-last: probe its memory directly (the copy
            // just made is not needed then).
            src.copy().close();
            boolean channelsLast = quantizeChannelsLast(x, precision, key, stats, true) != null;
            channelsLastShapes.put(x.getShape(), channelsLast);
            if (channelsLast) {
                return x;
            }
            src = TensorMemory.packedSource(x);
        }
        if (src != null && src.copy() != null) {
            // Strided: quantise the engine's packed copy, then copy it back through the engine,
            // which writes along x's strides.
            try (NDArray copy = src.copy()) {
                pass.runCounted(src.buffer(), src.buffer(), copy, precision, key, stats);
                x.set(new NDIndex("..."), copy);
            }
            return x;
        }
        ByteBuffer buf = TensorMemory.aliasedBuffer(x);
        if (buf == null) {
            return NDArrayQuantizer.INSTANCE.quantizeInPlace(x, precision, key, stats);
        }
        pass.runCounted(buf, buf, x, precision, key, stats);
        return x;
    }

    /**
     * Writes from {@code src}'s memory straight into {@code dst}'s when both are packed CPU arrays
     * (one pass, as {@link #quantize} does into fresh memory); anything else takes the interface's
     * copy and assignment.
     */
    @Override
    public NDArray quantizeInto(
            NDArray src, NDArray dst, Precision precision, long key, StatsAccumulator stats) {
        TensorQuantizer.requireInto(src, dst);
        long size = src.size();
        if (src == dst
                || !isCpu(src)
                || precision.isIdentity()
                || size == 0
                || size > Integer.MAX_VALUE / 4) {
            return TensorQuantizer.super.quantizeInto(src, dst, precision, key, stats);
        }
        TensorMemory.Source from = TensorMemory.packedSource(src);
        TensorMemory.Source to =
                from != null && from.isOwnMemory() ? TensorMemory.packedSource(dst) : null;
        if (to != null && to.isOwnMemory()) {
            pass.runCounted(from.buffer(), to.buffer(), dst, precision, key, stats);
            return dst;
        }
        // A strided side: the general path needs neither engine copy.
        if (from != null) {
            from.release();
        }
        if (to != null) {
            to.release();
        }
        return TensorQuantizer.super.quantizeInto(src, dst, precision, key, stats);
    }

    /**
     * Scans {@code x}'s memory for a NaN or an infinity with the block-maximum loop, across the
     * worker threads; null when {@code x} is not a FLOAT32 CPU array this path can read (the caller
     * then asks the engine).
     */
    Boolean scanNonFinite(NDArray x) {
        long size = x.size();
        if (x.getDataType() != DataType.FLOAT32 || !isCpu(x) || size > Integer.MAX_VALUE / 4) {
            return null;
        }
        if (size == 0) {
            return false;
        }
        TensorMemory.Source src = TensorMemory.packedSource(x);
        if (src == null) {
            return null;
        }
        try {
            ByteBuffer buf = src.buffer();
            for (int bits :
                    runner.run((int) size, (from, to) -> kernel.maxAbsBits(buf, from, to))) {
                if (bits >= ScalarKernel.INF_BITS) {
                    return true;
                }
            }
            return false;
        } finally {
            src.release();
        }
    }

    private static boolean isCpu(NDArray x) {
        return Device.Type.CPU.equals(x.getDevice().getDeviceType());
    }

    /**
     * Whether the kernels can quantise a channels-last tensor in its own memory order: fixed point
     * and per-tensor block floating point (tiles, slices and floating-point formats take the packed
     * copy).
     */
    private static boolean channelsLastCapable(Precision precision) {
        NumberFormat f = precision.format();
        return f instanceof FixedPoint
                || (f instanceof BlockFloatingPoint b && b.block() == Block.TENSOR);
    }

    /**
     * Quantises a channels-last {@code x} in its memory order (draws keyed by row-major index), in
     * place or into a new channels-last array; null when {@code x} is not channels-last.
     */
    private NDArray quantizeChannelsLast(
            NDArray x, Precision precision, long key, StatsAccumulator stats, boolean inPlace) {
        TensorMemory.ChannelsLastView v = TensorMemory.channelsLast(x);
        if (v == null) {
            return null;
        }
        try {
            if (inPlace) {
                pass.runCounted(v.buffer(), v.buffer(), x, precision, key, stats, v.layout());
                return x;
            }
            NDArray out = x.getManager().create(v.view().getShape(), DataType.FLOAT32);
            ByteBuffer dst = isCpu(out) ? TensorMemory.freshBuffer(out) : null;
            if (dst == null) {
                out.close();
                return null;
            }
            pass.runCounted(v.buffer(), dst, x, precision, key, stats, v.layout());
            NDArray result = out.transpose(v.back());
            out.close();
            return result;
        } finally {
            v.view().close();
        }
    }
}
