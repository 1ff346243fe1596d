/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

/**
 * Edge values for block floating point (docs/algorithms.md §2.2): the spec's worked values,
 * all-zero and non-finite blocks, per-block exponents for slices and tiles (including a last
 * partial tile), saturation of the asymmetric integer range, underflow, extreme magnitudes, and the
 * tallies.
 */
class BlockFloatingPointEdgeValuesTest {

    private static QuantStats run(float[] data, long[] shape, BlockFloatingPoint format) {
        return ScalarQuantizer.quantize(
                data, shape, new Precision(format, Rounding.NEAREST_EVEN), 99L);
    }

    private static void assertValues(float[] expected, float[] actual, String where) {
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            EdgeTable.assertSameValue(expected[i], actual[i], where + " element " + i);
        }
    }

    @Test
    void workedValuesFromTheSpec() {
        // [0.3, -0.7], w=8: s = 7, I = [38, -90].
        float[] a = {0.3f, -0.7f};
        assertEquals(new QuantStats(2, 0, 0, 0), run(a, new long[] {2}, bfp(8)));
        assertValues(new float[] {38 * 0x1p-7f, -90 * 0x1p-7f}, a, "[0.3,-0.7] w=8");
        // [1.0, 0], w=8: s = 6, I = [64, 0].
        float[] b = {1.0f, 0f};
        run(b, new long[] {2}, bfp(8));
        assertValues(new float[] {64 * 0x1p-6f, 0f}, b, "[1,0] w=8");
        // w=16, max 1.0: s = 14, 0.3 -> 4915 * 2^-14.
        float[] c = {1.0f, 0.3f};
        run(c, new long[] {2}, bfp(16));
        assertValues(new float[] {1.0f, 4915 * 0x1p-14f}, c, "[1,0.3] w=16");
        assertEquals(7, bfp(8).scaleExponent(0.7f));
        assertEquals(6, bfp(8).scaleExponent(1.0f));
        assertEquals(14, bfp(16).scaleExponent(1.0f));
    }

    @Test
    void allZeroBlockIsUnchangedWithSignedZerosKept() {
        float[] z = {0f, -0f, 0f};
        assertEquals(new QuantStats(3, 0, 0, 0), run(z, new long[] {3}, bfp(8)));
        assertValues(new float[] {0f, -0f, 0f}, z, "all-zero block");
    }

    @Test
    void blockWithNanOrInfinityIsLeftUnchangedAndCounted() {
        float[] withNan = {1.3f, Float.NaN, 0.1f};
        assertEquals(new QuantStats(3, 0, 0, 1), run(withNan, new long[] {3}, bfp(4)));
        assertValues(new float[] {1.3f, Float.NaN, 0.1f}, withNan, "NaN block");
        float[] withInf = {Float.POSITIVE_INFINITY, -Float.POSITIVE_INFINITY, 0.3f};
        assertEquals(new QuantStats(3, 0, 0, 2), run(withInf, new long[] {3}, bfp(4)));
        assertValues(
                new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.3f},
                withInf,
                "Inf block");
    }

    @Test
    void slicesGetOneExponentPerIndexAlongTheDimension() {
        // Rows [0.3, -0.7] (s=7) and [1.0, 0] (s=6).
        float[] rows = {0.3f, -0.7f, 1.0f, 0f};
        run(rows, new long[] {2, 2}, new BlockFloatingPoint(8, new Block.Slice(0)));
        assertValues(new float[] {38 * 0x1p-7f, -90 * 0x1p-7f, 1f, 0f}, rows, "slice:0");
        // Columns [0.3, 1.0] (s=6: 0.3 -> 19.2 -> 19) and [-0.7, 0] (s=7).
        float[] cols = {0.3f, -0.7f, 1.0f, 0f};
        run(cols, new long[] {2, 2}, new BlockFloatingPoint(8, new Block.Slice(1)));
        assertValues(new float[] {19 * 0x1p-6f, -90 * 0x1p-7f, 1f, 0f}, cols, "slice:1");
        // A NaN poisons only its own slice; the other row is quantised.
        float[] poisoned = {Float.NaN, 0.3f, 0.3f, -0.7f};
        QuantStats s =
                run(poisoned, new long[] {2, 2}, new BlockFloatingPoint(8, new Block.Slice(0)));
        assertEquals(new QuantStats(4, 0, 0, 1), s);
        assertValues(
                new float[] {Float.NaN, 0.3f, 38 * 0x1p-7f, -90 * 0x1p-7f}, poisoned, "NaN row");
    }

    @Test
    void sliceBeyondTheRankMakesOneBlock() {
        float[] data = {0.3f, -0.7f, 1.0f, 0f};
        run(data, new long[] {2, 2}, new BlockFloatingPoint(8, new Block.Slice(5)));
        // One block, max 1.0: s = 6; 0.3 -> 19, -0.7 -> -44.8 -> -45.
        assertValues(new float[] {19 * 0x1p-6f, -45 * 0x1p-6f, 1f, 0f}, data, "slice:5");
    }

    @Test
    void tilesGetOneExponentPerRunIncludingTheLastPartialTile() {
        float[] data = {0.3f, -0.7f, 1.0f, 0f, 0.1f};
        QuantStats s = run(data, new long[] {5}, new BlockFloatingPoint(8, new Block.Tile(2)));
        assertEquals(new QuantStats(5, 0, 0, 0), s);
        // Last tile [0.1]: 127.5 / 0.1 = 1275, s = 10; 0.1 * 1024 = 102.4 -> 102.
        assertValues(
                new float[] {38 * 0x1p-7f, -90 * 0x1p-7f, 1f, 0f, 102 * 0x1p-10f}, data, "tile:2");
    }

    @Test
    void largestElementAtTheRoundingLimitSaturatesOnlyOnThePositiveSide() {
        // 127.5/128: s = 7 (127.5 <= 127.5), 127.5 ties to 128 and saturates to 127; -128 fits.
        float[] data = {127.5f / 128, -127.5f / 128, 0.001f};
        QuantStats s = run(data, new long[] {3}, bfp(8));
        // 0.001 * 128 = 0.128 -> 0 (underflow).
        assertEquals(new QuantStats(3, 1, 1, 0), s);
        assertValues(new float[] {127 * 0x1p-7f, -1f, 0f}, data, "limit");
    }

    @Test
    void extremeMagnitudesStayFiniteAndExact() {
        // Subnormal block: s = 6 + 148 = 154 makes every FP32 multiple of 2^-149 exact.
        float[] tiny = {3 * Float.MIN_VALUE, Float.MIN_VALUE, -2 * Float.MIN_VALUE};
        assertEquals(new QuantStats(3, 0, 0, 0), run(tiny, new long[] {3}, bfp(8)));
        assertValues(
                new float[] {3 * Float.MIN_VALUE, Float.MIN_VALUE, -2 * Float.MIN_VALUE},
                tiny,
                "subnormal block");
        // Max near 2^128 with w = 8: s = -122, max * 2^s = 63.99.. rounds to 64, i.e. 2^128, which
        // FP32 cannot hold: it takes 63 * 2^122 instead and counts as saturated (our choice).
        float[] huge = {Float.MAX_VALUE, -Float.MAX_VALUE, 1f};
        assertEquals(new QuantStats(3, 2, 1, 0), run(huge, new long[] {3}, bfp(8)));
        assertValues(new float[] {63 * 0x1p122f, -63 * 0x1p122f, 0f}, huge, "huge block");
        // w = 24 at the top: 2^23 - 0.5 ties to 2^23 and saturates to 2^23 - 1.
        float[] top = {Float.MAX_VALUE};
        assertEquals(new QuantStats(1, 1, 0, 0), run(top, new long[] {1}, bfp(24)));
        assertValues(new float[] {8388607 * 0x1p105f}, top, "w=24 top");
    }

    @Test
    void scaleExponentIsTheLargestWithMaxWithinTheRoundingLimit() {
        // s = floor(log2((2^(w-1) - 0.5) / m)), checked against exact double arithmetic.
        for (int w = 2; w <= 24; w++) {
            BlockFloatingPoint f = bfp(w);
            double limit = Math.scalb(1.0, w - 1) - 0.5;
            for (float m : new float[] {Float.MIN_VALUE, 0.7f, 1f, 127.5f / 128, 3e38f, 1e-20f}) {
                int s = f.scaleExponent(m);
                assertEquals(true, Math.scalb((double) m, s) <= limit, w + " " + m);
                assertEquals(true, Math.scalb((double) m, s + 1) > limit, w + " " + m);
            }
        }
        for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> bfp(8).scaleExponent(bad));
            assertEquals(true, e.getMessage().contains("finite and positive"), e.getMessage());
        }
    }

    @Test
    void shapeThatDoesNotHoldTheDataIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new float[4], new long[] {3}, bfp(8)));
        assertEquals(true, e.getMessage().contains("[3]"), e.getMessage());
    }

    private static BlockFloatingPoint bfp(int w) {
        return BlockFloatingPoint.perTensor(w);
    }
}
