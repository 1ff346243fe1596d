/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.BlockLayout;
import io.github.muppetdjl.quant.reference.RangeLinearReference;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * {@link RangeLinear} (CPT's quantiser; docs/algorithms.md §6.5) on the CPU fast path: two
 * multi-threaded passes over the tensor's memory, first each block's minimum and maximum (per
 * chunk, then merged), then the values, element by element with {@link
 * RangeLinearReference#quantize(float, float, double, long, Rounding, int,
 * ScalarQuantizer.Counts)}, the reference's own arithmetic, so the results agree bit for bit and do
 * not depend on the thread count. Row-major memory order only (a channels-last tensor comes as the
 * engine's packed copy).
 */
final class RangePass {

    private final ChunkRunner runner;
    private final ByteBuffer src;
    private final ByteBuffer dst;
    private final int n;
    private final BlockLayout layout;

    RangePass(ChunkRunner runner, ByteBuffer src, ByteBuffer dst, int n, BlockLayout layout) {
        this.runner = runner;
        this.src = src;
        this.dst = dst;
        this.n = n;
        this.layout = layout;
    }

    /** One chunk's block minima, maxima and non-finite marks. */
    private record Ranges(float[] lo, float[] hi, boolean[] nonFinite) {
        static Ranges empty(int blocks) {
            float[] lo = new float[blocks];
            float[] hi = new float[blocks];
            Arrays.fill(lo, Float.POSITIVE_INFINITY);
            Arrays.fill(hi, Float.NEGATIVE_INFINITY);
            return new Ranges(lo, hi, new boolean[blocks]);
        }
    }

    void run(RangeLinear format, Rounding rounding, long key, long[] counts) {
        int blocks = (int) layout.blockCount();
        Ranges all = Ranges.empty(blocks);
        for (Ranges r : runner.run(n, this::scan)) {
            for (int b = 0; b < blocks; b++) {
                all.lo[b] = Math.min(all.lo[b], r.lo[b]);
                all.hi[b] = Math.max(all.hi[b], r.hi[b]);
                all.nonFinite[b] |= r.nonFinite[b];
            }
        }
        double[] scale = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            if (!all.nonFinite[b]) {
                scale[b] = format.scale(all.lo[b], all.hi[b]);
            }
        }
        long levels = format.levels();
        List<long[]> parts =
                runner.run(n, (from, to) -> quantize(from, to, all, scale, levels, rounding, key));
        if (counts != null) {
            for (long[] p : parts) {
                counts[FastKernel.SATURATED] += p[FastKernel.SATURATED];
                counts[FastKernel.NON_FINITE] += p[FastKernel.NON_FINITE];
            }
        }
    }

    private Ranges scan(int from, int to) {
        Ranges r = Ranges.empty((int) layout.blockCount());
        for (int start = from; start < to; ) {
            // A run of consecutive elements shares one block: no division per element.
            int b = (int) layout.blockOf(start);
            int end = runEnd(start, to);
            float lo = r.lo[b];
            float hi = r.hi[b];
            for (int i = start; i < end; i++) {
                float v = src.getFloat(i << 2);
                if (!Float.isFinite(v)) {
                    r.nonFinite[b] = true;
                } else {
                    // Math.min/max, as the reference: -0 below +0.
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            r.lo[b] = lo;
            r.hi[b] = hi;
            start = end;
        }
        return r;
    }

    /** The end of the run of elements from {@code start} that share its block, capped at to. */
    private int runEnd(int start, int to) {
        long inner = layout.inner();
        long end = (start / inner + 1) * inner;
        return (int) Math.min(end, to);
    }

    private long[] quantize(
            int from,
            int to,
            Ranges ranges,
            double[] scale,
            long levels,
            Rounding rounding,
            long key) {
        ScalarQuantizer.Counts local = new ScalarQuantizer.Counts();
        long nonFinite = 0;
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        for (int start = from; start < to; ) {
            int b = (int) layout.blockOf(start);
            int end = runEnd(start, to);
            if (ranges.nonFinite[b]) {
                for (int i = start; i < end; i++) {
                    float v = src.getFloat(i << 2);
                    if (!Float.isFinite(v)) {
                        nonFinite++;
                    }
                    dst.putFloat(i << 2, v);
                }
                start = end;
                continue;
            }
            float lo = ranges.lo[b];
            double s = scale[b];
            for (int i = start; i < end; i++) {
                int u = stochastic ? CounterRng.uniform24(key, i) : 0;
                float v = src.getFloat(i << 2);
                dst.putFloat(
                        i << 2,
                        RangeLinearReference.quantize(v, lo, s, levels, rounding, u, local));
            }
            start = end;
        }
        long[] c = new long[3];
        c[FastKernel.SATURATED] = local.toStats().saturated();
        c[FastKernel.NON_FINITE] = nonFinite;
        return c;
    }
}
