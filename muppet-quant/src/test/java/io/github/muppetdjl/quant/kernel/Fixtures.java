/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Inputs, precisions and the oracle shared by the quantiser tests. */
final class Fixtures {

    /** Every format family with its edge parameters. */
    static final List<String> FORMATS =
            List.of(
                    "fixed(8,4)",
                    "fixed(16,8)",
                    "fixed(2,0)",
                    "fixed(24,125)",
                    "fixed(12,-100)",
                    "bfp(8)",
                    "bfp(2)",
                    "bfp(24)",
                    "bfp(8,slice:0)",
                    "bfp(12,slice:1)",
                    "bfp(8,slice:9)",
                    "bfp(6,tile:7)",
                    "bfp(16,tile:32)",
                    "fp8-e5m2",
                    "fp8-e4m3",
                    "fp16",
                    "bf16",
                    "tf32",
                    "float(8,23)",
                    "float(2,0)",
                    "float(3,1,fn)",
                    "float(7,7,fn)",
                    "fp8-e5m2-nosub",
                    "fp8-e4m3-nosub-sat",
                    "fp8-e5m2-sat",
                    "fp16-nosub",
                    "range(1)",
                    "range(2)",
                    "range(8)",
                    "range(24)",
                    "range(4,slice:0)",
                    "range(3,slice:1)",
                    "range(5,tile:7)");

    /** A fixed shape whose size (3 * 5 * 7 * 31 = 3255) is no multiple of any vector width. */
    static final long[] SHAPE = {3, 5, 7, 31};

    private Fixtures() {}

    /** Every format with every rounding. */
    static List<Precision> precisions() {
        List<Precision> all = new ArrayList<>();
        for (String f : FORMATS) {
            for (Rounding r : Rounding.values()) {
                all.add(Precision.parse(f + "/" + r.shortName()));
            }
        }
        return all;
    }

    /**
     * Values that cover every binade, every sign, zeros, subnormals, the extremes, infinities, NaN,
     * and dyadic values with short mantissas (exact ties for most formats), in blocks of different
     * magnitude so that per-block exponents differ.
     */
    static float[] mixed(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n];
        float[] edges = edges();
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            if (kind == 0) {
                v[i] = edges[rnd.nextInt(edges.length)];
            } else if (kind <= 3) {
                // Any finite bit pattern: exponents from subnormal to the top binade.
                int bits = rnd.nextInt() & 0x7fffffff;
                v[i] =
                        (bits >= 0x7f800000)
                                ? 1f
                                : Float.intBitsToFloat(bits | (rnd.nextInt() & 0x80000000));
            } else if (kind <= 6) {
                int k = rnd.nextInt(1, 64);
                int e = rnd.nextInt(-20, 20);
                v[i] = Math.scalb((float) (rnd.nextBoolean() ? k : -k), e);
            } else {
                int blockScale = (int) ((i / 64) % 9) * 25 - 120;
                v[i] = Math.scalb((float) rnd.nextGaussian(), blockScale);
            }
        }
        return v;
    }

    /** Gaussian values with few specials: the common case, where blocks have normal maxima. */
    static float[] gaussian(int n, long seed, float scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian() * scale;
        }
        return v;
    }

    static float[] edges() {
        return new float[] {
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            -Float.MIN_NORMAL,
            0x1p-130f,
            0x1.8p-140f,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.NaN,
            Float.intBitsToFloat(0xffc01234),
            0.5f,
            -0.5f,
            1.5f,
            2.5f,
            -2.5f,
            1.125f,
            1.375f,
            -2.7f,
            57344f,
            61440f,
            65504f,
            65520f,
            448f,
            464f,
            480f,
            0x1.fffffep127f,
            127.5f,
            -128.5f,
            0x1p-16f,
            0x1p-17f,
            0x1.8p-17f,
            0x1p-9f,
            0x1p-10f,
            3e38f,
            -3e38f,
            8388607.5f,
            16777215f,
            0x1p24f,
            0x1p30f
        };
    }

    /** Runs the reference on a copy. */
    static Result reference(float[] data, long[] shape, Precision p, long key) {
        float[] copy = data.clone();
        return new Result(copy, ScalarQuantizer.quantize(copy, shape, p, key));
    }

    /** A quantised tensor and what happened. */
    record Result(float[] values, QuantStats stats) {}

    /** Asserts raw-bit equality; any two NaNs are equal. */
    static void assertBitsEqual(float[] expected, float[] actual, String context) {
        assertEquals(expected.length, actual.length, context + ": length");
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (e != a && !(Float.isNaN(expected[i]) && Float.isNaN(actual[i]))) {
                fail(
                        String.format(
                                "%s: element %d: expected %s (0x%08x) but got %s (0x%08x)",
                                context, i, expected[i], e, actual[i], a));
            }
        }
    }

    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Copies values into a native-order direct buffer, the memory layout the fast path works on.
     *
     * @param values the floats
     * @return a new buffer holding them
     */
    static ByteBuffer directBuffer(float[] values) {
        ByteBuffer buf =
                ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
        for (int i = 0; i < values.length; i++) {
            buf.putFloat(4 * i, values[i]);
        }
        return buf;
    }
}
