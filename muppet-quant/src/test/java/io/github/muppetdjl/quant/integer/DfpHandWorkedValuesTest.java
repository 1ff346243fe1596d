/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

/** DFP16 conversion on values worked by hand from the definition (docs/algorithms.md §6.4). */
class DfpHandWorkedValuesTest {

    private static DfpTensor near(float... x) {
        return DfpReference.quantize(x, 0, Rounding.NEAREST_EVEN, 0L, null);
    }

    @Test
    void maxOneGivesScaleTwoToTheMinus14() {
        // 1.0 · 2^14 = 16384 lies in [2^14, 2^15); 0.3 · 16384 = 4915.2 -> 4915; 0.75 -> 12288.
        DfpTensor t = near(1.0f, 0.3f, 0.75f, -0.3f);
        assertEquals(14, t.exponent());
        assertArrayEquals(new int[] {16384, 4915, 12288, -4915}, t.mantissas());
    }

    @Test
    void maxThreeGivesScaleTwoToTheMinus13() {
        // 3 · 2^13 = 24576 in [2^14, 2^15); 3 · 2^14 would be 49152, too big.
        DfpTensor t = near(3.0f, 1.0f);
        assertEquals(13, t.exponent());
        assertArrayEquals(new int[] {24576, 8192}, t.mantissas());
        assertEquals(3.0f, t.value(0));
    }

    @Test
    void maxJustBelowAPowerOfTwoSaturatesAndNeverWraps() {
        // 32767.5 · 2^-14 is the largest maximum the exponent 14 takes (2^15 - 0.5 in integer
        // units): nearest-even sends the tie to 32768, which is clamped to 32767 (never wrapped to
        // -32768) and counted; its negative gives -32767, not -32768.
        float tie = 32767.5f / 16384f;
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        DfpTensor t =
                DfpReference.quantize(
                        new float[] {tie, -tie, 1f}, 0, Rounding.NEAREST_EVEN, 0L, counts);
        assertEquals(14, t.exponent());
        assertArrayEquals(new int[] {32767, -32767, 16384}, t.mantissas());
        assertEquals(2, counts.toStats().saturated());
        // Just below 2 the exponent drops to 13 rather than round onto 2^15: 16383.99 -> 16384.
        DfpTensor below = near(Math.nextDown(2f));
        assertEquals(13, below.exponent());
        assertArrayEquals(new int[] {16384}, below.mantissas());
        // Stochastic rounding of 32767.25 goes up to 32768 a quarter of the time: clamped.
        float x = 32767.25f / 16384f;
        long saturated = 0;
        for (long key = 0; key < 200; key++) {
            ScalarQuantizer.Counts c = new ScalarQuantizer.Counts();
            DfpTensor s =
                    DfpReference.quantize(new float[] {x, -x}, 0, Rounding.STOCHASTIC, key, c);
            assertArrayEquals(new int[] {32767, -32767}, s.mantissas());
            saturated += c.toStats().saturated();
        }
        assertTrue(saturated > 50 && saturated < 150, "saturated " + saturated + " of 400");
    }

    @Test
    void shiftMovesTheMaximumDownAndNarrowsTheRange() {
        // a = 1: exponent 13 for max 1.0, mantissas within ±16383; 0.3 · 8192 = 2457.6 -> 2458;
        // the tie maximum 32767.5 · 2^-14 becomes 16383.75 -> 16384, clamped to 16383.
        float tie = 32767.5f / 16384f;
        DfpTensor t =
                DfpReference.quantize(
                        new float[] {1f, 0.3f, tie}, 1, Rounding.NEAREST_EVEN, 0, null);
        assertEquals(13, t.exponent());
        assertArrayEquals(new int[] {8192, 2458, 16383}, t.mantissas());
        assertEquals(16383, Dfp.maxMantissa(1));
        assertEquals(32767, Dfp.maxMantissa(0));
    }

    @Test
    void towardZeroTruncatesAndSmallValuesUnderflow() {
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        DfpTensor t =
                DfpReference.quantize(
                        new float[] {1f, 0.3f, 1e-6f}, 0, Rounding.TOWARD_ZERO, 0L, counts);
        assertArrayEquals(new int[] {16384, 4915, 0}, t.mantissas());
        assertEquals(1, counts.toStats().underflowed());
    }

    @Test
    void zeroAndNonFiniteTensors() {
        DfpTensor z = near(0f, -0f);
        assertArrayEquals(new int[] {0, 0}, z.mantissas());
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        assertNull(
                DfpReference.quantize(
                        new float[] {1f, Float.NaN, Float.POSITIVE_INFINITY},
                        0,
                        Rounding.NEAREST_EVEN,
                        0L,
                        counts));
        assertEquals(2, counts.toStats().nonFinite());
    }

    @Test
    void safeChunkLengthsFollowFromTheLargestProduct() {
        // floor((2^31 - 1) / (2^(15-a) - 1)^2)
        assertEquals(2, IntegerArithmetic.safeChunkLength(0));
        assertEquals(8, IntegerArithmetic.safeChunkLength(1));
        assertEquals(32, IntegerArithmetic.safeChunkLength(2));
        assertEquals(128, IntegerArithmetic.safeChunkLength(3));
        assertEquals(512, IntegerArithmetic.safeChunkLength(4));
        assertEquals(2, IntegerArithmetic.builder().build().chunkLength());
        assertEquals(
                "dfp16(shift=3,chunk=128,input=nearest,weight=nearest,error=stochastic)",
                IntegerArithmetic.builder()
                        .optShift(3)
                        .optErrorRounding(Rounding.STOCHASTIC)
                        .build()
                        .toString());
        assertThrows(
                IllegalArgumentException.class,
                () -> IntegerArithmetic.builder().optShift(14).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> IntegerArithmetic.builder().optChunkLength(0).build());
    }

    @Test
    void chunkedSumAvoidsTheOverflowOfOneAccumulatorAndCountsIt() {
        // Four products of 32767 · 32767: a chunk of two holds 2147352578 < 2^31 - 1, the whole sum
        // 4294705156 does not. Each chunk flushes to the float 2147352576 (24 bits), times 2^-28.
        float x = 32767f / 16384f;
        DfpTensor a = near(x, x, x, x);
        DfpTensor b = near(x, x, x, x);
        long[] tally = new long[4];
        float[] y = DfpReference.matmul(a, 1, 4, b, 1, 2, tally);
        assertEquals(15.9990234375f, y[0]);
        assertEquals(new OverflowTally(2, 0, 1, 1), DfpReference.tally(tally));
        // One chunk of four overflows INT32 itself: kept exact (wider accumulation) and counted.
        long[] one = new long[4];
        assertEquals(15.9990234375f, DfpReference.matmul(a, 1, 4, b, 1, 4, one)[0]);
        assertEquals(new OverflowTally(1, 1, 1, 1), DfpReference.tally(one));
    }
}
