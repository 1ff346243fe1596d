/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The vector kernel's staging: ranges that start anywhere and end anywhere around multiples of
 * {@link VectorStage#STAGE} and of the vector length give the reference's values in the range,
 * leave the rest of the buffer alone, and count like the scalar kernel.
 */
class VectorStagingTest {

    private static final int S = VectorStage.STAGE;

    /** Range starts and lengths around stage and vector boundaries. */
    private static final int[] STARTS = {0, 1, 15, 16, S - 1, S, S + 3};

    private static final int[] LENGTHS = {
        0, 1, 15, 16, 17, S - 16, S - 1, S, S + 1, S + 16, 2 * S - 1, 2 * S + 5, 3 * S + 33
    };

    private static final int N = 5 * S + 101;

    private static FastKernel vector() {
        FastKernel k = KernelLoader.load();
        // Surefire runs with the incubator module, so the vector kernel must have loaded.
        assertInstanceOf(VectorKernel.class, k);
        return k;
    }

    /** Checks the range against the oracle's whole-tensor result and the rest against the input. */
    private static void assertRange(
            float[] input, float[] oracle, ByteBuffer buf, int from, int to, String context) {
        float[] actual = new float[input.length];
        float[] expected = input.clone();
        for (int i = 0; i < input.length; i++) {
            actual[i] = buf.getFloat(4 * i);
        }
        System.arraycopy(oracle, from, expected, from, to - from);
        Fixtures.assertBitsEqual(expected, actual, context);
    }

    /** One kernel call from {@code src} into {@code dst} (the same buffer in place). */
    @FunctionalInterface
    private interface Call {
        void run(ByteBuffer src, ByteBuffer dst, long[] counts);
    }

    /**
     * Runs {@code call} in place and from one buffer into another prefilled with 7s, checks both
     * against the oracle (and the copy's source unchanged), and returns the counts, which must
     * agree.
     */
    private static long[] inPlaceAndCopy(
            float[] data, float[] oracle, int from, int to, String context, Call call) {
        ByteBuffer a = Fixtures.directBuffer(data);
        long[] ca = new long[3];
        call.run(a, a, ca);
        assertRange(data, oracle, a, from, to, context + " in place");
        float[] sevens = new float[data.length];
        Arrays.fill(sevens, 7f);
        ByteBuffer src = Fixtures.directBuffer(data);
        ByteBuffer dst = Fixtures.directBuffer(sevens);
        long[] cc = new long[3];
        call.run(src, dst, cc);
        assertRange(sevens, oracle, dst, from, to, context + " copy");
        assertRange(data, data, src, 0, 0, context + " copy's source");
        assertArrayEquals(ca, cc, context + " counts of the copy");
        return ca;
    }

    @Test
    void gridRangesMatchReferenceAndScalarCounts() {
        FastKernel vector = vector();
        float[] data = Fixtures.mixed(N, 41);
        long key = CounterRng.key(3, 1, 4);
        FixedPoint fixed = new FixedPoint(16, 8);
        for (Rounding r : Rounding.values()) {
            float[] oracle = data.clone();
            ScalarQuantizer.quantize(oracle, new long[] {N}, new Precision(fixed, r), key);
            for (int from : STARTS) {
                for (int len : LENGTHS) {
                    int to = Math.min(N, from + len);
                    String context = "fixed(16,8)/" + r + " [" + from + ", " + to + ")";
                    ByteBuffer b = Fixtures.directBuffer(data);
                    long[] cb = new long[3];
                    long[] ca =
                            inPlaceAndCopy(
                                    data,
                                    oracle,
                                    from,
                                    to,
                                    context,
                                    (src, dst, c) ->
                                            vector.quantizeGrid(
                                                    src, dst, from, to, 8, 32767f, false, r, key, c,
                                                    null));
                    ScalarKernel.INSTANCE.quantizeGrid(
                            b, b, from, to, 8, 32767f, false, r, key, cb, null);
                    assertEquals(List.of(cb[0], cb[1], cb[2]), List.of(ca[0], ca[1], ca[2]));
                }
            }
        }
    }

    @Test
    void blockRangesMatchReference() {
        FastKernel vector = vector();
        // Finite values, so that the whole tensor is one scaled block.
        float[] data = Fixtures.gaussian(N, 43, 3f);
        long key = CounterRng.key(9, 2, 6);
        BlockFloatingPoint bfp = BlockFloatingPoint.perTensor(8);
        float max = 0;
        for (float v : data) {
            max = Math.max(max, Math.abs(v));
        }
        int s = bfp.scaleExponent(max);
        for (Rounding r : Rounding.values()) {
            float[] oracle = data.clone();
            ScalarQuantizer.quantize(oracle, new long[] {N}, new Precision(bfp, r), key);
            for (int from : STARTS) {
                for (int len : LENGTHS) {
                    int to = Math.min(N, from + len);
                    long[] cb = new long[3];
                    long[] ca =
                            inPlaceAndCopy(
                                    data,
                                    oracle,
                                    from,
                                    to,
                                    "bfp(8)/" + r + " " + from + "+" + len,
                                    (src, dst, c) ->
                                            vector.quantizeGrid(
                                                    src, dst, from, to, s, 127f, true, r, key, c,
                                                    null));
                    ByteBuffer b = Fixtures.directBuffer(data);
                    ScalarKernel.INSTANCE.quantizeGrid(
                            b, b, from, to, s, 127f, true, r, key, cb, null);
                    assertEquals(List.of(cb[0], cb[1], cb[2]), List.of(ca[0], ca[1], ca[2]));
                }
            }
        }
    }

    @Test
    void floatRangesMatchReferenceAndScalarCounts() {
        FastKernel vector = vector();
        float[] data = Fixtures.mixed(N, 47);
        long key = CounterRng.key(2, 7, 1);
        for (FloatingPoint f : List.of(FloatingPoint.FP8_E5M2, FloatingPoint.BF16)) {
            for (Rounding r : Rounding.values()) {
                float[] oracle = data.clone();
                ScalarQuantizer.quantize(oracle, new long[] {N}, new Precision(f, r), key);
                FloatPlan plan = FloatPlan.of(f, r);
                for (int from : STARTS) {
                    for (int len : LENGTHS) {
                        int to = Math.min(N, from + len);
                        long[] cb = new long[3];
                        long[] ca =
                                inPlaceAndCopy(
                                        data,
                                        oracle,
                                        from,
                                        to,
                                        f + "/" + r + " " + from + "+" + len,
                                        (src, dst, c) ->
                                                vector.quantizeFloat(
                                                        src, dst, from, to, plan, key, c));
                        ByteBuffer b = Fixtures.directBuffer(data);
                        ScalarKernel.INSTANCE.quantizeFloat(b, b, from, to, plan, key, cb);
                        assertEquals(List.of(cb[0], cb[1], cb[2]), List.of(ca[0], ca[1], ca[2]));
                    }
                }
            }
        }
    }

    @Test
    void maxAbsBitsOfRanges() {
        FastKernel vector = vector();
        float[] data = Fixtures.gaussian(N, 53, 1f);
        // The largest magnitudes sit just inside and just outside stage boundaries.
        data[S - 1] = -40f;
        data[S] = 41f;
        data[2 * S + 7] = -0x1p100f;
        ByteBuffer buf = Fixtures.directBuffer(data);
        for (int from : STARTS) {
            for (int len : LENGTHS) {
                int to = Math.min(N, from + len);
                int expected = 0;
                for (int i = from; i < to; i++) {
                    expected = Math.max(expected, Float.floatToRawIntBits(Math.abs(data[i])));
                }
                assertEquals(expected, vector.maxAbsBits(buf, from, to), from + "+" + len);
            }
        }
    }

    @Test
    void tensorsAroundStageSizesMatchReference() {
        long key = CounterRng.key(8, 8, 8);
        // Sizes around the stage and, past ChunkRunner.MIN_CHUNK per thread, chunk boundaries.
        int[] sizes = {S - 1, S, S + 1, 2 * S + 17, 2 * ChunkRunner.MIN_CHUNK + S + 3};
        try (NDManager m = NDManager.newBaseManager()) {
            for (int n : sizes) {
                float[] data = Fixtures.gaussian(n, n, 2f);
                data[n / 3] = Float.NaN;
                for (String text : List.of("bfp(8)/stochastic", "fp8-e5m2/stochastic")) {
                    Precision p = Precision.parse(text);
                    Fixtures.Result ref = Fixtures.reference(data, new long[] {n}, p, key);
                    for (int threads = 1; threads <= 2; threads++) {
                        NDArray x = m.create(data);
                        StatsAccumulator stats = new StatsAccumulator();
                        new CpuFastQuantizer(threads).quantizeInPlace(x, p, key, stats);
                        String context = text + " n=" + n + " threads=" + threads;
                        Fixtures.assertBitsEqual(ref.values(), x.toFloatArray(), context);
                        assertEquals(ref.stats(), stats.snapshot(), context);
                        x.close();
                    }
                }
            }
        }
    }
}
