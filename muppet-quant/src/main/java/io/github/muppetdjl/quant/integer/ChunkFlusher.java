/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Flushes chunk sums into the FP32 result the way {@link DfpReference.Accumulator} does: each
 * chunk's exact integer sums (FLOAT64) are scaled by {@code 2^-(s_a + s_b)} in FP64 (exact), cast
 * to FP32 (the one rounding) and added to the result in chunk order; overflows are counted on the
 * way. Arrays it makes belong to the caller's scope.
 */
final class ChunkFlusher {

    private static final double INT32_MAX = Integer.MAX_VALUE;
    private static final double INT32_MIN = Integer.MIN_VALUE;

    private final double scale;
    private NDArray result;
    private NDArray total;
    private long chunks;
    private long chunkOverflows;

    ChunkFlusher(int scaleExponent) {
        scale = Math.scalb(1.0, -scaleExponent);
    }

    void add(NDArray sums) {
        chunks += sums.size();
        chunkOverflows += outsideInt32(sums);
        // A zero sum may come back from the engine as -0 (a sum of -0 products); the reference's
        // integer zero flushes to +0, and adding +0 makes the engine's zero +0 as well.
        NDArray f = sums.mul(scale).addi(0.0).toType(DataType.FLOAT32, false);
        result = result == null ? f : result.add(f);
        total = total == null ? sums : total.add(sums);
    }

    /**
     * Adds every chunk at once: {@code stacked} holds chunk {@code g}'s sums at index {@code g} of
     * its first axis. Same results as adding the chunks one by one, in fewer engine calls.
     *
     * @param stacked the chunk sums, {@code G × output shape}
     */
    void addAll(NDArray stacked) {
        long g = stacked.getShape().get(0);
        chunks += stacked.size();
        chunkOverflows += outsideInt32(stacked);
        NDArray f = stacked.mul(scale).addi(0.0).toType(DataType.FLOAT32, false);
        NDArray sum = stacked.sum(new int[] {0});
        total = total == null ? sum : total.add(sum);
        for (long i = 0; i < g; i++) {
            NDArray fi = f.get(i);
            result = result == null ? fi : result.add(fi);
        }
    }

    /**
     * Ends the product: counts the outputs whose whole sum overflows and adds all counts.
     *
     * @param tally chunks, chunk overflows, sums, sum overflows
     * @return the FP32 result
     */
    NDArray finish(long[] tally) {
        tally[0] += chunks;
        tally[1] += chunkOverflows;
        tally[2] += total.size();
        tally[3] += outsideInt32(total);
        return result;
    }

    private static long outsideInt32(NDArray sums) {
        // One reduction answers the common case; the exact count only runs when something is big.
        if (sums.abs().max().getDouble() <= INT32_MAX) {
            return 0;
        }
        return sums.gt(INT32_MAX).logicalOr(sums.lt(INT32_MIN)).sum().getLong();
    }
}
