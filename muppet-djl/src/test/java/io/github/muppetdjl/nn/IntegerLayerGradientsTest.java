/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.github.muppetdjl.quant.integer.ConvReference;
import io.github.muppetdjl.quant.integer.ConvShape;
import io.github.muppetdjl.quant.integer.DfpReference;
import io.github.muppetdjl.quant.integer.DfpTensor;
import io.github.muppetdjl.quant.integer.Gemm;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.integer.OverflowTally;
import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.Rounding;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

/**
 * A tiny conv layer followed by a dense layer, both integer (docs/algorithms.md §6.4): the output,
 * the weight gradients and the input gradient equal, bit for bit, what the scalar reference gets by
 * doing the integer arithmetic one product at a time, and the overflow tallies agree. The error at
 * the conv layer is the dense layer's integer backward-data product, so every product of both
 * layers is checked. One-dimensional and two-dimensional convolutions; nearest and stochastic error
 * rounding.
 */
class IntegerLayerGradientsTest {

    private static final int N = 2;
    private static final int C = 2;
    private static final int O = 3;
    private static final int SIDE = 4;
    private static final int K = 2;
    private static final int UNITS = 2;

    private static float[] random(Random rnd, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * scale);
        }
        return x;
    }

    private static int[] transpose(int[] a, int rows, int cols) {
        int[] t = new int[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(actual[i]),
                    what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    /** code: 10/20 for conv1d/conv2d plus 1 for stochastic error rounding. */
    @ParameterizedTest
    @ValueSource(ints = {10, 11, 20, 21})
    void gradientsMatchTheScalarReference(int code) {
        boolean twoD = code / 10 == 2;
        Rounding errorRounding = code % 2 == 1 ? Rounding.STOCHASTIC : Rounding.NEAREST_EVEN;
        IntegerArithmetic spec =
                IntegerArithmetic.builder()
                        .optShift(1)
                        .optChunkLength(5)
                        .optErrorRounding(errorRounding)
                        .build();
        Random rnd = new Random(code);
        int h = twoD ? SIDE : 1;
        int kh = twoD ? K : 1;
        int ph = twoD ? 1 : 0;
        ConvShape s = new ConvShape(N, C, h, SIDE, O, kh, K, 1, 1, ph, 1, 1, 1);
        int flat = O * s.outH() * s.outW();
        Block conv =
                twoD
                        ? QuantizedConv2d.builder()
                                .setKernelShape(new Shape(K, K))
                                .optPadding(new Shape(1, 1))
                                .setFilters(O)
                                .optIntegerArithmetic(spec)
                                .build()
                        : QuantizedConv1d.builder()
                                .setKernelShape(new Shape(K))
                                .optPadding(new Shape(1))
                                .setFilters(O)
                                .optIntegerArithmetic(spec)
                                .build();
        QuantizedLinear dense =
                QuantizedLinear.builder().setUnits(UNITS).optIntegerArithmetic(spec).build();
        Shape inShape = twoD ? new Shape(N, C, h, SIDE) : new Shape(N, C, SIDE);
        float[] x = random(rnd, N * C * h * SIDE, 1.5f);
        float[] w1 = random(rnd, O * C * kh * K, 0.4f);
        float[] b1 = random(rnd, O, 0.1f);
        float[] w2 = random(rnd, UNITS * flat, 0.3f);
        float[] b2 = random(rnd, UNITS, 0.1f);
        float[] c = random(rnd, N * UNITS, 1e-3f);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net =
                    new SequentialBlock().add(conv).add(Blocks.batchFlattenBlock()).add(dense);
            net.initialize(m, DataType.FLOAT32, inShape);
            net.getParameters().valueAt(0).getArray().set(w1);
            net.getParameters().valueAt(1).getArray().set(b1);
            net.getParameters().valueAt(2).getArray().set(w2);
            net.getParameters().valueAt(3).getArray().set(b2);
            SiteRegistry reg = SiteRegistry.scan(net, new SiteContext(Quantizers.best(), 5L, true));
            reg.applyPolicy(Presets.dfp16());
            NDArray input = m.create(x, inShape);
            input.setRequiresGradient(true);
            NDArray out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = net.forward(new ParameterStore(m, false), new NDList(input), true).head();
                gc.backward(out.mul(m.create(c, new Shape(N, UNITS))).sum());
            }
            assertEquals(2, reg.completeErrorPasses(false));

            // The reference, one int product at a time.
            long[] fwd1 = new long[4];
            long[] fwd2 = new long[4];
            long[] bd1 = new long[4];
            long[] bd2 = new long[4];
            long[] bw1 = new long[4];
            long[] bw2 = new long[4];
            int a = spec.shift();
            Rounding near = Rounding.NEAREST_EVEN;
            DfpTensor xq = DfpReference.quantize(x, a, near, 0L, null);
            DfpTensor w1q = DfpReference.quantize(w1, a, near, 0L, null);
            float[] y1 = ConvReference.forward(xq, w1q, s, spec, fwd1);
            int positions = s.outH() * s.outW();
            for (int i = 0; i < y1.length; i++) {
                y1[i] += b1[(i / positions) % O];
            }
            DfpTensor hq = DfpReference.quantize(y1, a, near, 0L, null);
            DfpTensor w2q = DfpReference.quantize(w2, a, near, 0L, null);
            DfpTensor w2t = new DfpTensor(transpose(w2q.mantissas(), UNITS, flat), w2q.exponent());
            float[] y2 = DfpReference.matmul(hq, N, flat, w2t, UNITS, spec.chunkLength(), fwd2);
            for (int i = 0; i < y2.length; i++) {
                y2[i] += b2[i % UNITS];
            }
            assertBits(y2, out.toFloatArray(), "output");

            long key2 = dense.core().key(RandomStream.ERROR);
            DfpTensor e2 = DfpReference.quantize(c, a, errorRounding, key2, null);
            DfpTensor e2t = new DfpTensor(transpose(e2.mantissas(), N, UNITS), e2.exponent());
            float[] dw2 = DfpReference.matmul(e2t, UNITS, N, hq, flat, spec.chunkLength(), bw2);
            float[] dh = DfpReference.matmul(e2, N, UNITS, w2q, flat, spec.chunkLength(), bd2);
            long key1 = ((QuantizedLayer) conv).core().key(RandomStream.ERROR);
            DfpTensor e1 = DfpReference.quantize(dh, a, errorRounding, key1, null);
            float[] dw1 = ConvReference.backwardWeights(xq, e1, s, spec, bw1);
            float[] dx = ConvReference.backwardData(e1, w1q, s, spec, bd1);

            assertBits(
                    dw2,
                    net.getParameters().valueAt(2).getArray().getGradient().toFloatArray(),
                    "dW2");
            assertBits(
                    dw1,
                    net.getParameters().valueAt(0).getArray().getGradient().toFloatArray(),
                    "dW1");
            assertBits(dx, input.getGradient().toFloatArray(), "dx");

            QuantizedLayer convLayer = (QuantizedLayer) conv;
            assertEquals(DfpReference.tally(fwd1), convLayer.drainIntegerOverflows(Gemm.FORWARD));
            assertEquals(
                    DfpReference.tally(bd1), convLayer.drainIntegerOverflows(Gemm.BACKWARD_DATA));
            assertEquals(
                    DfpReference.tally(bw1),
                    convLayer.drainIntegerOverflows(Gemm.BACKWARD_WEIGHTS));
            assertEquals(DfpReference.tally(fwd2), dense.drainIntegerOverflows(Gemm.FORWARD));
            assertEquals(DfpReference.tally(bd2), dense.drainIntegerOverflows(Gemm.BACKWARD_DATA));
            assertEquals(
                    DfpReference.tally(bw2), dense.drainIntegerOverflows(Gemm.BACKWARD_WEIGHTS));
            assertTrue(
                    DfpReference.tally(bw1).chunks() > DfpReference.tally(bw1).sums(), "chunked");
            assertEquals(OverflowTally.EMPTY, dense.drainIntegerOverflows(Gemm.FORWARD));
        }
    }
}
