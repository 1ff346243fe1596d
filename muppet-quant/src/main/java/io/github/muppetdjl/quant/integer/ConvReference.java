/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

/**
 * The scalar reference of a convolution's three integer products (docs/algorithms.md §6.4), one
 * {@code int} product at a time through {@link DfpReference.Accumulator}. Tensors are row-major
 * NCHW ({@link ConvShape}); products that fall on the padding are zero and skipped. Chunks are runs
 * of whole slices ({@link IntegerArithmetic}): input channels for the forward product, output
 * channels for backward-data, samples for backward-weights.
 */
public final class ConvReference {

    private ConvReference() {}

    /**
     * {@code y[n,o,i,j] = Σ_c Σ_p Σ_q x[n,c,i·sh-ph+p·dh, j·sw-pw+q·dw] · w[o,c,p,q]}, chunked over
     * {@code c}.
     *
     * @param x the input
     * @param wt the weight
     * @param s the sizes
     * @param spec the chunk length
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the output
     */
    public static float[] forward(
            DfpTensor x, DfpTensor wt, ConvShape s, IntegerArithmetic spec, long[] tally) {
        int oh = s.outH();
        int ow = s.outW();
        int per = spec.slicesPerChunk((long) s.kh() * s.kw());
        int[] xi = x.mantissas();
        int[] wi = wt.mantissas();
        float[] y = new float[s.n() * s.o() * oh * ow];
        for (int n = 0; n < s.n(); n++) {
            for (int o = 0; o < s.o(); o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        var acc = new DfpReference.Accumulator(x.exponent() + wt.exponent());
                        for (int c = 0; c < s.c(); c++) {
                            for (int p = 0; p < s.kh(); p++) {
                                int r = i * s.sh() - s.ph() + p * s.dh();
                                for (int q = 0; q < s.kw(); q++) {
                                    int col = j * s.sw() - s.pw() + q * s.dw();
                                    if (r >= 0 && r < s.h() && col >= 0 && col < s.w()) {
                                        acc.add(
                                                xi[((n * s.c() + c) * s.h() + r) * s.w() + col],
                                                wi[((o * s.c() + c) * s.kh() + p) * s.kw() + q]);
                                    }
                                }
                            }
                            endSlice(acc, c, per, s.c());
                        }
                        y[((n * s.o() + o) * oh + i) * ow + j] = acc.finish(tally);
                    }
                }
            }
        }
        return y;
    }

    /**
     * {@code dx[n,c,r,col] = Σ_o Σ_p Σ_q e[n,o,i,j] · w[o,c,p,q]} over the {@code (i, j)} that read
     * {@code (r, col)}, chunked over {@code o}.
     *
     * @param e the error at the output
     * @param wt the weight
     * @param s the sizes
     * @param spec the chunk length
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the input gradient
     */
    public static float[] backwardData(
            DfpTensor e, DfpTensor wt, ConvShape s, IntegerArithmetic spec, long[] tally) {
        int oh = s.outH();
        int ow = s.outW();
        int per = spec.slicesPerChunk((long) s.kh() * s.kw());
        int[] ei = e.mantissas();
        int[] wi = wt.mantissas();
        float[] dx = new float[s.n() * s.c() * s.h() * s.w()];
        for (int n = 0; n < s.n(); n++) {
            for (int c = 0; c < s.c(); c++) {
                for (int r = 0; r < s.h(); r++) {
                    for (int col = 0; col < s.w(); col++) {
                        var acc = new DfpReference.Accumulator(e.exponent() + wt.exponent());
                        for (int o = 0; o < s.o(); o++) {
                            for (int p = 0; p < s.kh(); p++) {
                                int ti = r + s.ph() - p * s.dh();
                                int i = ti / s.sh();
                                if (ti < 0 || ti % s.sh() != 0 || i >= oh) {
                                    continue;
                                }
                                for (int q = 0; q < s.kw(); q++) {
                                    int tj = col + s.pw() - q * s.dw();
                                    int j = tj / s.sw();
                                    if (tj >= 0 && tj % s.sw() == 0 && j < ow) {
                                        acc.add(
                                                ei[((n * s.o() + o) * oh + i) * ow + j],
                                                wi[((o * s.c() + c) * s.kh() + p) * s.kw() + q]);
                                    }
                                }
                            }
                            endSlice(acc, o, per, s.o());
                        }
                        dx[((n * s.c() + c) * s.h() + r) * s.w() + col] = acc.finish(tally);
                    }
                }
            }
        }
        return dx;
    }

    /**
     * {@code dw[o,c,p,q] = Σ_n Σ_i Σ_j e[n,o,i,j] · x[n,c,i·sh-ph+p·dh, j·sw-pw+q·dw]}, chunked
     * over {@code n}.
     *
     * @param x the input
     * @param e the error at the output
     * @param s the sizes
     * @param spec the chunk length
     * @param tally receives chunks, chunk overflows, sums, sum overflows
     * @return the weight gradient
     */
    public static float[] backwardWeights(
            DfpTensor x, DfpTensor e, ConvShape s, IntegerArithmetic spec, long[] tally) {
        int oh = s.outH();
        int ow = s.outW();
        int per = spec.slicesPerChunk((long) oh * ow);
        int[] xi = x.mantissas();
        int[] ei = e.mantissas();
        float[] dw = new float[s.o() * s.c() * s.kh() * s.kw()];
        for (int o = 0; o < s.o(); o++) {
            for (int c = 0; c < s.c(); c++) {
                for (int p = 0; p < s.kh(); p++) {
                    for (int q = 0; q < s.kw(); q++) {
                        var acc = new DfpReference.Accumulator(x.exponent() + e.exponent());
                        for (int n = 0; n < s.n(); n++) {
                            for (int i = 0; i < oh; i++) {
                                int r = i * s.sh() - s.ph() + p * s.dh();
                                for (int j = 0; j < ow; j++) {
                                    int col = j * s.sw() - s.pw() + q * s.dw();
                                    if (r >= 0 && r < s.h() && col >= 0 && col < s.w()) {
                                        acc.add(
                                                ei[((n * s.o() + o) * oh + i) * ow + j],
                                                xi[((n * s.c() + c) * s.h() + r) * s.w() + col]);
                                    }
                                }
                            }
                            endSlice(acc, n, per, s.n());
                        }
                        dw[((o * s.c() + c) * s.kh() + p) * s.kw() + q] = acc.finish(tally);
                    }
                }
            }
        }
        return dw;
    }

    private static void endSlice(DfpReference.Accumulator acc, int slice, int per, int slices) {
        if ((slice + 1) % per == 0 || slice == slices - 1) {
            acc.endChunk();
        }
    }
}
