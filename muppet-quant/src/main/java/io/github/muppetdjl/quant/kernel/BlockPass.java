/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Block floating point on the CPU fast path: a pass that finds each block's largest magnitude, then
 * a pass that quantises each block on its own integer grid. Every block is a union of runs of
 * {@code layout.inner()} consecutive elements (run {@code r} belongs to block {@code r % period}),
 * so both passes walk contiguous pieces of memory whatever the block spec.
 *
 * <p>Out of place ({@code src != dst}), both passes read {@code src} and the second writes {@code
 * dst}, so that a quantised copy costs no more trips through memory than an in-place pass.
 */
final class BlockPass {

    /** Scale marker of an all-zero block: left unchanged. */
    private static final int ZERO_BLOCK = Integer.MIN_VALUE;

    /** Scale marker of a block holding NaN or ±Infinity: left unchanged, counted. */
    private static final int NON_FINITE_BLOCK = Integer.MAX_VALUE;

    private final FastKernel kernel;
    private final ChunkRunner runner;
    private final ByteBuffer src;
    private final ByteBuffer buf;
    private final int n;
    private final BlockLayout layout;
    private final ChannelsLast channelsLast;

    BlockPass(
            FastKernel kernel,
            ChunkRunner runner,
            ByteBuffer src,
            ByteBuffer dst,
            int n,
            BlockLayout layout,
            ChannelsLast channelsLast) {
        this.kernel = kernel;
        this.runner = runner;
        this.src = src;
        this.buf = dst;
        this.n = n;
        this.layout = layout;
        this.channelsLast = channelsLast;
    }

    /** A contiguous piece of one block. */
    @FunctionalInterface
    private interface PieceAction {
        void accept(int from, int to, int block);
    }

    private void forEachPiece(int from, int to, PieceAction action) {
        long inner = layout.inner();
        long period = layout.period();
        int pos = from;
        while (pos < to) {
            long run = pos / inner;
            int end = (int) Math.min((run + 1) * inner, to);
            action.accept(pos, end, (int) (run % period));
            pos = end;
        }
    }

    void run(BlockFloatingPoint bfp, Rounding rounding, long key, long[] counts) {
        int blocks = (int) layout.blockCount();
        List<int[]> partial =
                runner.run(
                        n,
                        (from, to) -> {
                            int[] max = new int[blocks];
                            forEachPiece(
                                    from,
                                    to,
                                    (a, b, block) ->
                                            max[block] =
                                                    Math.max(
                                                            max[block],
                                                            kernel.maxAbsBits(src, a, b)));
                            return max;
                        });
        int[] scale = partial.get(0);
        for (int[] p : partial.subList(1, partial.size())) {
            for (int b = 0; b < blocks; b++) {
                scale[b] = Math.max(scale[b], p[b]);
            }
        }
        for (int b = 0; b < blocks; b++) {
            int bits = scale[b];
            scale[b] =
                    bits >= ScalarKernel.INF_BITS
                            ? NON_FINITE_BLOCK
                            : bits == 0
                                    ? ZERO_BLOCK
                                    : bfp.scaleExponent(Float.intBitsToFloat(bits));
        }
        float maxPos = (1 << (bfp.mantissaBits() - 1)) - 1;
        KernelPass.merge(
                counts,
                runner.run(
                        n,
                        (from, to) -> {
                            long[] local = counts == null ? null : new long[3];
                            forEachPiece(
                                    from,
                                    to,
                                    (a, b, block) ->
                                            quantizePiece(
                                                    a,
                                                    b,
                                                    scale[block],
                                                    maxPos,
                                                    rounding,
                                                    key,
                                                    local));
                            return local;
                        }));
    }

    private void quantizePiece(
            int from, int to, int s, float maxPos, Rounding rounding, long key, long[] counts) {
        if (s == ZERO_BLOCK || s == NON_FINITE_BLOCK) {
            // Left as they are: a copy takes the values over unchanged.
            if (src != buf) {
                buf.put(4 * from, src, 4 * from, 4 * (to - from));
            }
            if (s == NON_FINITE_BLOCK && counts != null) {
                for (int i = from; i < to; i++) {
                    if ((src.getInt(4 * i) & ScalarKernel.ABS) >= ScalarKernel.INF_BITS) {
                        counts[FastKernel.NON_FINITE]++;
                    }
                }
            }
            return;
        }
        kernel.quantizeGrid(
                src, buf, from, to, s, maxPos, true, rounding, key, counts, channelsLast);
    }
}
