/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import java.nio.ByteBuffer;

/**
 * Out-of-place quantisation on the CPU fast path: copies a range from the source tensor's memory
 * into the destination's in cache-sized pieces, handing each piece to an in-place pass while it is
 * still in cache.
 *
 * <p>Why: quantising a copy used to be a clone ({@code duplicate()}, a read and a write of the
 * whole tensor) followed by an in-place pass (another read and write). Copying 16K elements (64 KB,
 * well inside a core's L2 cache) and quantising them at once removes one of those trips through
 * memory, and the engine's clone with it.
 */
final class PieceCopy {

    /** Elements per piece: 64 KB, resident in L2 while the in-place pass runs. */
    static final int PIECE = 1 << 14;

    private PieceCopy() {}

    /** An in-place pass over {@code [from, to)} of the destination. */
    @FunctionalInterface
    interface RangeAction {
        void accept(int from, int to);
    }

    /**
     * Copies {@code [from, to)} from {@code src} to {@code dst} piece by piece, running {@code
     * action} on each piece right after copying it; in place ({@code src == dst}) it runs {@code
     * action} once over the whole range.
     *
     * @param src the source memory (element {@code i} at byte {@code 4 * i})
     * @param dst the destination memory, same layout
     * @param from first element
     * @param to end element (exclusive)
     * @param action the in-place pass
     */
    static void forEach(ByteBuffer src, ByteBuffer dst, int from, int to, RangeAction action) {
        if (src == dst) {
            action.accept(from, to);
            return;
        }
        for (int a = from; a < to; ) {
            int b = (int) Math.min((long) a + PIECE, to);
            dst.put(4 * a, src, 4 * a, 4 * (b - a));
            action.accept(a, b);
            a = b;
        }
    }
}
