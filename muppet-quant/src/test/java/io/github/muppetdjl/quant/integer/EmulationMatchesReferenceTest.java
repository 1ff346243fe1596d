/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * The invariant "emulation == reference": {@link DfpQuantizer} and {@link ChunkedGemm} on the
 * engine give the bits and counts of {@link DfpReference} and {@link ConvReference}, which do the
 * integer arithmetic one {@code int} product at a time, on random shapes, chunk lengths and data,
 * including data that overflows INT32 chunks.
 */
class EmulationMatchesReferenceTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Random values over many binades; with {@code big}, all near the maximum and one sign. */
    static float[] data(Random rnd, int n, boolean big) {
        float[] x = new float[n];
        float scale = (float) Math.pow(2, rnd.nextInt(40) - 20);
        for (int i = 0; i < n; i++) {
            x[i] =
                    big
                            ? scale * (0.9f + 0.1f * rnd.nextFloat())
                            : (float) (scale * rnd.nextGaussian() * Math.pow(2, -rnd.nextInt(12)));
        }
        if (n > 2 && rnd.nextInt(4) == 0) {
            x[rnd.nextInt(n)] = 0f;
        }
        return x;
    }

    static DfpTensor dfp(Random rnd, int n, boolean big, int shift) {
        return DfpReference.quantize(data(rnd, n, big), shift, Rounding.NEAREST_EVEN, 0L, null);
    }

    static NDArray engine(DfpTensor t, long... shape) {
        double[] d = new double[t.mantissas().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.mantissas()[i];
        }
        return manager.create(d, new Shape(shape));
    }

    static void assertSame(float[] expected, long[] expectedTally, NDArray actual, long[] tally) {
        float[] got = actual.toFloatArray();
        assertEquals(expected.length, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(got[i]),
                    "element " + i + ": " + expected[i] + " vs " + got[i]);
        }
        assertArrayEquals(expectedTally, tally);
    }

    @Test
    void quantizerMatchesReference() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rnd.nextInt(300);
            float[] x = data(rnd, n, rnd.nextInt(5) == 0);
            if (trial % 7 == 0) {
                x[0] = Math.nextDown(2f); // a maximum just below a power of two
            }
            int shift = new int[] {0, 1, 3, 13}[rnd.nextInt(4)];
            Rounding r = Rounding.values()[rnd.nextInt(Rounding.values().length)];
            long key = rnd.nextLong();
            ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
            DfpTensor ref = DfpReference.quantize(x, shift, r, key, counts);
            StatsAccumulator stats = new StatsAccumulator();
            DfpArray got = DfpQuantizer.quantize(manager.create(x), shift, r, key, stats);
            assertEquals(ref.exponent(), got.exponent());
            double[] m = got.mantissas().toDoubleArray();
            for (int i = 0; i < n; i++) {
                assertEquals(ref.mantissas()[i], m[i], "trial " + trial + " element " + i);
            }
            assertEquals(counts.toStats(), stats.snapshot());
        }
    }

    @Test
    void matmulMatchesReference() {
        Random rnd = new Random(12);
        boolean sawOverflow = false;
        for (int trial = 0; trial < 80; trial++) {
            int m = 1 + rnd.nextInt(6);
            int r = 1 + rnd.nextInt(40);
            int n = 1 + rnd.nextInt(6);
            int chunk = new int[] {1, 2, 3, 8, 100}[rnd.nextInt(5)];
            boolean big = rnd.nextBoolean();
            DfpTensor a = dfp(rnd, m * r, big, 0);
            DfpTensor b = dfp(rnd, r * n, big, 0);
            long[] refTally = new long[4];
            float[] ref = DfpReference.matmul(a, m, r, b, n, chunk, refTally);
            long[] tally = new long[4];
            NDArray y =
                    ChunkedGemm.matmul(
                            engine(a, m, r),
                            engine(b, r, n),
                            a.exponent() + b.exponent(),
                            chunk,
                            tally);
            assertSame(ref, refTally, y, tally);
            sawOverflow |= refTally[1] > 0;
        }
        assertTrue(sawOverflow, "some chunk should have overflowed");
    }

    @Test
    void conv2dProductsMatchReference() {
        checkConvs(new Random(13), 2, 60);
    }

    @Test
    void conv1dProductsMatchReference() {
        checkConvs(new Random(14), 1, 40);
    }

    private static void checkConvs(Random rnd, int dims, int trials) {
        int done = 0;
        while (done < trials) {
            int n = 1 + rnd.nextInt(3);
            int c = 1 + rnd.nextInt(4);
            int o = 1 + rnd.nextInt(3);
            int h = dims == 2 ? 2 + rnd.nextInt(6) : 1;
            int w = 2 + rnd.nextInt(6);
            int kh = dims == 2 ? 1 + rnd.nextInt(3) : 1;
            int kw = 1 + rnd.nextInt(3);
            int sh = dims == 2 ? 1 + rnd.nextInt(2) : 1;
            int sw = 1 + rnd.nextInt(2);
            int ph = dims == 2 ? rnd.nextInt(2) : 0;
            int pw = rnd.nextInt(2);
            int dh = dims == 2 ? 1 + rnd.nextInt(2) : 1;
            int dw = 1 + rnd.nextInt(2);
            if ((h + 2 * ph - dh * (kh - 1) - 1) < 0 || (w + 2 * pw - dw * (kw - 1) - 1) < 0) {
                continue;
            }
            ConvShape s = new ConvShape(n, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw);
            IntegerArithmetic spec =
                    IntegerArithmetic.builder()
                            .optChunkLength(new int[] {1, 2, 9, 20, 1000}[rnd.nextInt(5)])
                            .build();
            boolean big = rnd.nextInt(3) == 0;
            DfpTensor x = dfp(rnd, n * c * h * w, big, 0);
            DfpTensor wt = dfp(rnd, o * c * kh * kw, big, 0);
            DfpTensor e = dfp(rnd, n * o * s.outH() * s.outW(), big, 0);
            long[] xs = dims == 2 ? new long[] {n, c, h, w} : new long[] {n, c, w};
            long[] ws = dims == 2 ? new long[] {o, c, kh, kw} : new long[] {o, c, kw};
            long[] es =
                    dims == 2 ? new long[] {n, o, s.outH(), s.outW()} : new long[] {n, o, s.outW()};
            Shape stride = dims == 2 ? new Shape(sh, sw) : new Shape(sw);
            Shape pad = dims == 2 ? new Shape(ph, pw) : new Shape(pw);
            Shape dil = dims == 2 ? new Shape(dh, dw) : new Shape(dw);
            Shape kernel = dims == 2 ? new Shape(kh, kw) : new Shape(kw);
            String where = s + " " + spec;

            long[] rt = new long[4];
            float[] ref = ConvReference.forward(x, wt, s, spec, rt);
            long[] t = new long[4];
            NDArray y =
                    ChunkedGemm.convForward(
                            engine(x, xs),
                            engine(wt, ws),
                            x.exponent() + wt.exponent(),
                            stride,
                            pad,
                            dil,
                            spec,
                            t);
            assertEquals(new Shape(es), y.getShape(), where);
            assertSame(ref, rt, y, t);

            rt = new long[4];
            ref = ConvReference.backwardData(e, wt, s, spec, rt);
            t = new long[4];
            NDArray dx =
                    ChunkedGemm.convBackwardData(
                            engine(e, es),
                            engine(wt, ws),
                            new Shape(xs),
                            e.exponent() + wt.exponent(),
                            stride,
                            pad,
                            dil,
                            spec,
                            t);
            assertEquals(new Shape(xs), dx.getShape(), where);
            assertSame(ref, rt, dx, t);

            rt = new long[4];
            ref = ConvReference.backwardWeights(x, e, s, spec, rt);
            t = new long[4];
            NDArray dwt =
                    ChunkedGemm.convBackwardWeights(
                            engine(x, xs),
                            engine(e, es),
                            kernel,
                            x.exponent() + e.exponent(),
                            stride,
                            pad,
                            dil,
                            spec,
                            t);
            assertEquals(new Shape(ws), dwt.getShape(), where);
            assertSame(ref, rt, dwt, t);
            done++;
        }
    }
}
