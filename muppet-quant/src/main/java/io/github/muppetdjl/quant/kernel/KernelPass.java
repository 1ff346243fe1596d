/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;

/**
 * One multi-threaded run of the {@link CpuFastQuantizer}'s kernel over a tensor's memory: fixed
 * point and floating point in one pass, block floating point in two ({@link BlockPass}), in place
 * or from a source buffer into a destination (read and written a stage at a time by the kernel, so
 * a quantised copy costs one trip through memory, not a clone and an in-place pass), in row-major
 * or channels-last memory order, with the statistics added up.
 */
final class KernelPass {

    private final FastKernel kernel;
    private final ChunkRunner runner;

    KernelPass(FastKernel kernel, ChunkRunner runner) {
        this.kernel = kernel;
        this.runner = runner;
    }

    /**
     * Runs the kernel from {@code src} into {@code dst} (the same buffer in place), which hold
     * {@code x}'s values in row-major order.
     */
    void runCounted(
            ByteBuffer src,
            ByteBuffer dst,
            NDArray x,
            Precision precision,
            long key,
            StatsAccumulator stats) {
        runCounted(src, dst, x, precision, key, stats, null);
    }

    void runCounted(
            ByteBuffer src,
            ByteBuffer dst,
            NDArray x,
            Precision precision,
            long key,
            StatsAccumulator stats,
            ChannelsLast layout) {
        long size = x.size();
        long[] counts = stats == null ? null : new long[3];
        run(src, dst, (int) size, x.getShape().getShape(), precision, key, counts, layout);
        if (stats != null) {
            stats.add(
                    size,
                    counts[FastKernel.SATURATED],
                    counts[FastKernel.UNDERFLOWED],
                    counts[FastKernel.NON_FINITE]);
        }
    }

    private void run(
            ByteBuffer src,
            ByteBuffer buf,
            int n,
            long[] shape,
            Precision precision,
            long key,
            long[] c,
            ChannelsLast cl) {
        NumberFormat format = precision.format();
        if (format instanceof FixedPoint fixed) {
            float maxPos = fixed.maxInteger();
            int s = fixed.fractionBits();
            Rounding rounding = precision.rounding();
            runPieces(
                    n,
                    c,
                    (a, b, local) ->
                            kernel.quantizeGrid(
                                    src, buf, a, b, s, maxPos, false, rounding, key, local, cl));
        } else if (format instanceof FloatingPoint fp) {
            FloatPlan plan = FloatPlan.of(fp, precision.rounding());
            runPieces(
                    n, c, (a, b, local) -> kernel.quantizeFloat(src, buf, a, b, plan, key, local));
        } else if (format instanceof BlockFloatingPoint bfp) {
            new BlockPass(kernel, runner, src, buf, n, BlockLayout.of(bfp.block(), shape), cl)
                    .run(bfp, precision.rounding(), key, c);
        } else if (format instanceof RangeLinear range) {
            // Never channels-last: CpuFastQuantizer hands range formats the packed copy.
            new RangePass(runner, src, buf, n, BlockLayout.of(range.block(), shape))
                    .run(range, precision.rounding(), key, c);
        }
    }

    /** One kernel call over {@code [from, to)}. */
    @FunctionalInterface
    private interface PieceKernel {
        void run(int from, int to, long[] counts);
    }

    /**
     * Runs {@code piece} over {@code [0, n)} in chunks across the runner's threads, each chunk
     * counting into its own array, and adds the chunks' counts to {@code c}.
     */
    private void runPieces(int n, long[] c, PieceKernel piece) {
        merge(
                c,
                runner.run(
                        n,
                        (from, to) -> {
                            long[] local = c == null ? null : new long[3];
                            piece.run(from, to, local);
                            return local;
                        }));
    }

    static void merge(long[] into, Iterable<long[]> parts) {
        if (into == null) {
            return;
        }
        for (long[] p : parts) {
            for (int i = 0; i < into.length; i++) {
                into[i] += p[i];
            }
        }
    }
}
