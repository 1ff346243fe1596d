/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct access to a CPU tensor's memory for the fast path, through {@code toByteBuffer(true)}.
 *
 * <p>PyTorch's {@code toByteBuffer(true)} aliases a packed CPU tensor's memory; for a strided one
 * (a non-contiguous view, or the channels-last tensors PyTorch's CPU convolutions produce) it makes
 * a packed copy in row-major order, registered as a new array of the manager the tensor belongs to.
 * Asked through a temporary manager, that copy shows which case it was without writing to the
 * tensor, and it is kept rather than thrown away: it is exactly the row-major copy the quantiser
 * needs, so a strided tensor costs one engine copy, not three.
 */
final class TensorMemory {

    private TensorMemory() {}

    /**
     * A tensor's values in row-major order.
     *
     * @param buffer native-order direct buffer over the values
     * @param copy the engine's packed copy the buffer belongs to (owned by the caller, on the
     *     tensor's manager), or null when the buffer is the tensor's own memory
     */
    record Source(ByteBuffer buffer, NDArray copy) {

        /** Whether the buffer is the tensor's own memory (no copy was made). */
        boolean isOwnMemory() {
            return copy == null;
        }

        /** Closes the engine's packed copy, if one was made. */
        void release() {
            if (copy != null) {
                copy.close();
            }
        }
    }

    /**
     * Returns {@code x}'s values in row-major order without writing to {@code x}, or null on an
     * engine other than PyTorch (whose buffers this class cannot tell apart).
     *
     * @param x a FLOAT32 CPU array
     * @return its memory, or a packed copy's, or null
     */
    static Source packedSource(NDArray x) {
        if (!"PyTorch".equals(x.getManager().getEngine().getEngineName())) {
            return null;
        }
        NDManager home = x.getManager();
        try (NDManager tmp = home.newSubManager()) {
            x.tempAttach(tmp);
            ByteBuffer a;
            try {
                a = x.toByteBuffer(true);
            } catch (UnsupportedOperationException e) {
                return null;
            }
            if (!a.isDirect() || a.capacity() != x.size() * 4) {
                return null;
            }
            a.order(ByteOrder.nativeOrder());
            // By identity: arrays compare by content, and the copy equals x.
            List<NDArray> made = new ArrayList<>();
            for (NDArray a2 : tmp.getManagedArrays()) {
                if (a2 != x) {
                    made.add(a2);
                }
            }
            if (made.isEmpty()) {
                return new Source(a, null);
            }
            if (made.size() != 1) {
                return null;
            }
            NDArray copy = made.get(0);
            copy.attach(home);
            return new Source(a, copy);
        }
    }

    /**
     * Returns a native-order buffer aliasing {@code x}'s memory, or null when the engine hands out
     * a copy. A copy is what a non-contiguous view gives: two calls then return different memory,
     * which a probe write shows. The array is attached to a temporary manager meanwhile, so that
     * such copies are released here rather than leak into the caller's manager.
     */
    static ByteBuffer aliasedBuffer(NDArray x) {
        try (NDManager tmp = x.getManager().newSubManager()) {
            x.tempAttach(tmp);
            ByteBuffer a;
            ByteBuffer b;
            try {
                a = x.toByteBuffer(true);
                b = x.toByteBuffer(true);
            } catch (UnsupportedOperationException e) {
                // An engine without direct buffers: the NDArray path still works there.
                return null;
            }
            long bytes = x.size() * 4;
            if (!a.isDirect() || !b.isDirect() || a.capacity() != bytes || b.capacity() != bytes) {
                return null;
            }
            a.order(ByteOrder.nativeOrder());
            b.order(ByteOrder.nativeOrder());
            int original = a.getInt(0);
            a.putInt(0, ~original);
            boolean aliased = b.getInt(0) == ~original;
            a.putInt(0, original);
            return aliased ? a : null;
        }
    }

    /**
     * Returns the direct buffer of a freshly created (hence packed) array, or null when the engine
     * does not hand one out.
     */
    static ByteBuffer freshBuffer(NDArray fresh) {
        ByteBuffer b;
        try {
            b = fresh.toByteBuffer(true);
        } catch (UnsupportedOperationException e) {
            return null;
        }
        return b.isDirect() && b.capacity() == fresh.size() * 4
                ? b.order(ByteOrder.nativeOrder())
                : null;
    }

    /**
     * Returns {@code packed} (row-major values of {@code x}'s shape) laid out like {@code x} when
     * {@code x} is channels-last (its dimension 1 varies fastest in memory, as PyTorch's CPU
     * convolutions and pooling produce), else {@code packed} itself. Why: a channels-last tensor
     * handed on in row-major order sends the next convolution, ReLU and pooling, and their backward
     * passes, to PyTorch's slower row-major kernels; on the small CNN that cost more than the
     * quantisation itself. {@code packed} is consumed (closed when a new array is returned).
     *
     * @param x the tensor whose layout to follow
     * @param packed a packed row-major array of {@code x}'s shape on {@code x}'s manager
     * @return an array with {@code packed}'s values and {@code x}'s layout
     */
    static NDArray sameLayout(NDArray x, NDArray packed) {
        ChannelsLastView v = channelsLast(x);
        if (v == null) {
            return packed;
        }
        v.view().close();
        // The transposed view is a packed copy's worth of row-major memory: copy packed into that
        // order (one engine copy) and view it back in x's shape.
        try (NDArray moved = packed.transpose(channelsToLast(x.getShape().dimension()));
                NDArray flat = moved.reshape(-1);
                NDArray shaped = flat.reshape(moved.getShape())) {
            NDArray out = shaped.transpose(v.back());
            packed.close();
            return out;
        }
    }

    /**
     * A channels-last tensor's memory seen as a packed array.
     *
     * @param view {@code x} transposed so that dimension 1 comes last: a packed array (close it)
     * @param buffer the view's memory
     * @param layout the memory order for the kernels
     * @param back the permutation from the view back to {@code x}'s dimensions
     */
    record ChannelsLastView(NDArray view, ByteBuffer buffer, ChannelsLast layout, int[] back) {}

    /**
     * Returns {@code x}'s memory as a packed channels-last view, or null (having made and released
     * a copy) when {@code x} is not channels-last.
     *
     * @param x a strided FLOAT32 CPU array of at least 3 dimensions
     * @return the view, or null
     */
    static ChannelsLastView channelsLast(NDArray x) {
        long[] shape = x.getShape().getShape();
        int n = shape.length;
        if (n < 3 || x.size() == 0) {
            return null;
        }
        int[] toLast = channelsToLast(n);
        int[] back = new int[n];
        for (int d = 0; d < n; d++) {
            back[toLast[d]] = d;
        }
        NDArray view = x.transpose(toLast);
        Source s = packedSource(view);
        if (s == null || !s.isOwnMemory()) {
            if (s != null) {
                s.release();
            }
            view.close();
            return null;
        }
        int channels = (int) shape[1];
        int inner = (int) (x.size() / shape[0] / channels);
        return new ChannelsLastView(view, s.buffer(), new ChannelsLast(channels, inner), back);
    }

    /** The permutation that moves dimension 1 of an {@code n}-dimensional array to the end. */
    private static int[] channelsToLast(int n) {
        int[] toLast = new int[n];
        for (int d = 0; d < n; d++) {
            toLast[d] = d == 0 ? 0 : d == n - 1 ? 1 : d + 1;
        }
        return toLast;
    }
}
