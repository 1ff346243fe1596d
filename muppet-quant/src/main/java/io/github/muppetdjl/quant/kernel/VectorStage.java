/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.kernel.VectorKernel.IS;
import static io.github.muppetdjl.quant.kernel.VectorKernel.LANES;

import io.github.muppetdjl.quant.rounding.CounterRng;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * What the vector loops share besides their arithmetic: the staging of the tensor through a small
 * heap array, and the set-up of the generator's first step.
 *
 * <p><b>Staging.</b> On Java 17, Vector API loads and stores on a direct buffer ({@code
 * IntVector.fromByteBuffer}, {@code intoByteBuffer}) compile to much slower code than on a heap
 * array, while bulk copies between the buffer and an array ({@code IntBuffer.get/put(index, int[],
 * off, len)}) compile to memory copies. So the loops copy {@link #STAGE} elements at a time into an
 * array that stays in L1, work on it with {@code fromArray/intoArray}, and copy it back. The
 * read-only maximum pass of block floating point reads the buffer in place ({@link #maxAbsBits}),
 * since staging gains nothing on a pass that writes nothing. The measurements behind these choices
 * are in {@code docs/benchmarks.md}.
 *
 * <p><b>The generator's first step.</b> {@link CounterRng#bits} begins with {@code h0 = i * W + k0}
 * and {@code p = h0 * (2 * h0 + 1)}. Along a loop that advances every lane by {@link
 * VectorKernel#LANES} elements, {@code h0} grows by {@code D = LANES * W}, so (all modulo 2^32)
 * {@code p} grows by {@code 4 D h0 + 2 D^2 + D}, and that difference grows by the constant {@code 4
 * D^2}: two additions per vector replace a broadcast, three additions and a 32-bit multiply. The
 * loops set up {@code p} and its difference per stage ({@code p = h0 * (2 h0 + 1)}, {@code dp = 4 D
 * h0 + 2 D^2 + D} lane-wise).
 */
final class VectorStage {

    /**
     * Elements per staging copy: a multiple of every vector length, small enough (8 KiB) that the
     * stage stays in L1.
     */
    static final int STAGE = 2048;

    /** How much {@code h0} grows per vector step ({@code D} above). */
    static final int STEP = LANES * CounterRng.INDEX_MULTIPLIER;

    /** The constant second difference of the generator's first products per vector step. */
    static final int SECOND_DIFFERENCE = 4 * STEP * STEP;

    /** Lane {@code j} holds {@code j}. */
    static final IntVector IOTA = iota();

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorStage() {}

    private static IntVector iota() {
        int[] lanes = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            lanes[j] = j;
        }
        return IntVector.fromArray(IS, lanes, 0);
    }

    /**
     * Returns a stage for the whole vectors of {@code [from, to)}: at most {@link #STAGE} ints, so
     * that short ranges (small blocks and tiles) allocate little.
     *
     * @param from first element
     * @param to end element (exclusive)
     * @return a new array
     */
    static int[] newStage(int from, int to) {
        return new int[Math.min(STAGE, IS.loopBound(to - from))];
    }

    /** The vector loop over one stage. */
    @FunctionalInterface
    interface StageLoop {
        /**
         * Processes one stage in place.
         *
         * @param stage the staged elements, raw FP32 bits
         * @param len how many, a multiple of {@link VectorKernel#LANES}
         * @param base the tensor index of {@code stage[0]}, which the generator is keyed by
         */
        void run(int[] stage, int len, int base);
    }

    /**
     * Runs {@code loop} over the whole vectors of {@code [from, to)}, a stage at a time, copying
     * each stage in from {@code src} and out to {@code buf} (the same buffer in place; a quantised
     * copy so costs no more trips through memory than an in-place pass). The loop is a method of
     * its own, compiled apart: in a method that also calls the copies, Java 17's register allocator
     * keeps the loop's vector constants in stack slots (the calls clobber every vector register)
     * and reloads them on every iteration.
     *
     * @param src the memory read
     * @param buf the memory written, same layout
     * @param from first element
     * @param to end element (exclusive)
     * @param loop the vector loop
     * @return the first element not processed (the ragged end starts there)
     */
    static int run(ByteBuffer src, ByteBuffer buf, int from, int to, StageLoop loop) {
        IntBuffer in = src.asIntBuffer();
        IntBuffer out = src == buf ? in : buf.asIntBuffer();
        int[] stage = newStage(from, to);
        int end = from + IS.loopBound(to - from);
        for (int base = from; base < end; base += STAGE) {
            int len = Math.min(STAGE, end - base);
            in.get(base, stage, 0, len);
            loop.run(stage, len, base);
            out.put(base, stage, 0, len);
        }
        return end;
    }

    /**
     * The vector kernel's {@link FastKernel#maxAbsBits}.
     *
     * @param buf the tensor memory
     * @param from first element
     * @param to end element (exclusive)
     * @return the largest magnitude's bits
     */
    static int maxAbsBits(ByteBuffer buf, int from, int to) {
        // Read in place: a read-only pass over memory gains nothing from staging, and four
        // accumulators keep four loads in flight.
        IntVector a0 = IntVector.zero(IS);
        IntVector a1 = a0;
        IntVector a2 = a0;
        IntVector a3 = a0;
        int step = 4 * LANES;
        int i = from;
        for (int bound = from + (to - from) / step * step; i < bound; i += step) {
            a0 = a0.max(IntVector.fromByteBuffer(IS, buf, 4 * i, ORDER).and(ABS));
            a1 = a1.max(IntVector.fromByteBuffer(IS, buf, 4 * (i + LANES), ORDER).and(ABS));
            a2 = a2.max(IntVector.fromByteBuffer(IS, buf, 4 * (i + 2 * LANES), ORDER).and(ABS));
            a3 = a3.max(IntVector.fromByteBuffer(IS, buf, 4 * (i + 3 * LANES), ORDER).and(ABS));
        }
        int max = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        return Math.max(max, ScalarKernel.INSTANCE.maxAbsBits(buf, i, to));
    }
}
