/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * FloatingPoint(5,10) with nearest-even is IEEE binary16 conversion and (8,7) is bfloat16 RNE, bit
 * for bit (docs/algorithms.md §2.3), on over a million random floats each: raw random bit patterns
 * (every exponent, NaNs and infinities included), values with a uniformly chosen exponent around
 * the format's range, and exact ties. The oracles are {@link IndependentConverters} (integer bit
 * manipulation) and, for binary16, a golden table written by numpy (see {@code
 * generate_fp16_golden.py} beside it).
 */
class HalfAndBfloat16MatchIeeeConversionTest {

    private static final int SAMPLES_PER_KIND = 400_000;

    /** A float-to-float oracle. */
    @FunctionalInterface
    private interface Oracle {
        float round(float x);
    }

    @Test
    void fp16NearestEvenEqualsIeeeBinary16OnRandomFloats() {
        long checked =
                compareAll(
                        FloatingPoint.FP16,
                        IndependentConverters::roundToHalf,
                        new SplittableRandom(16),
                        13,
                        0x1p-24,
                        -27,
                        17);
        assertEquals(3L * SAMPLES_PER_KIND, checked);
    }

    @Test
    void bf16NearestEvenEqualsBfloat16RneOnRandomFloats() {
        long checked =
                compareAll(
                        FloatingPoint.BF16,
                        IndependentConverters::roundToBfloat16,
                        new SplittableRandom(8),
                        16,
                        0x1p-133,
                        -149,
                        127);
        assertEquals(3L * SAMPLES_PER_KIND, checked);
    }

    @Test
    void fp16NearestEvenEqualsNumpyGoldenTable() throws IOException {
        String name = "/io/github/muppetdjl/quant/format/fp16-numpy-golden.txt";
        int lines = 0;
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertNotNull(in, name);
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.trim().split("\\s+");
                float x = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[0], 16));
                float numpy = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[1], 16));
                float ours =
                        ScalarQuantizer.quantize(
                                x, FloatingPoint.FP16, Rounding.NEAREST_EVEN, 0, counts);
                if (!IndependentConverters.sameBitsOrBothNan(numpy, ours)) {
                    fail(
                            "numpy float16("
                                    + EdgeTable.describe(x)
                                    + ") = "
                                    + EdgeTable.describe(numpy)
                                    + " but got "
                                    + EdgeTable.describe(ours));
                }
                // The golden table also vouches for the test-only converter.
                float converter = IndependentConverters.roundToHalf(x);
                if (!IndependentConverters.sameBitsOrBothNan(numpy, converter)) {
                    fail("test converter disagrees with numpy on " + EdgeTable.describe(x));
                }
                lines++;
            }
        }
        assertEquals(3525, lines, "golden table length");
    }

    /**
     * Compares the reference against an oracle on raw random bit patterns, on values whose binade
     * exponent is uniform in {@code [minExp, maxExp]}, and on exact ties (normal ones with a single
     * 1 atop the dropped mantissa bits, subnormal ones at {@code (k + 1/2) * minSubnormal});
     * returns how many values were compared.
     */
    private static long compareAll(
            FloatingPoint format,
            Oracle oracle,
            SplittableRandom random,
            int droppedBits,
            double minSubnormal,
            int minExp,
            int maxExp) {
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        long checked = 0;
        int tieMask = (1 << droppedBits) - 1;
        int tie = 1 << (droppedBits - 1);
        int subnormalSteps = 1 << (23 - droppedBits);
        for (int n = 0; n < SAMPLES_PER_KIND; n++) {
            float raw = Float.intBitsToFloat(random.nextInt());
            double significand = 1.0 + random.nextInt(1 << 23) * 0x1p-23;
            float spread =
                    (float) Math.scalb(significand, random.nextInt(minExp, maxExp + 1))
                            * (random.nextBoolean() ? 1 : -1);
            float exactTie;
            if (n % 4 == 0) {
                exactTie = (float) ((random.nextInt(subnormalSteps) + 0.5) * minSubnormal);
            } else {
                int bits = (random.nextInt(1, 255) << 23) | (random.nextInt(1 << 23) & ~tieMask);
                exactTie = Float.intBitsToFloat(bits | tie);
            }
            exactTie = random.nextBoolean() ? exactTie : -exactTie;
            for (float x : new float[] {raw, spread, exactTie}) {
                float want = oracle.round(x);
                float got = ScalarQuantizer.quantize(x, format, Rounding.NEAREST_EVEN, 0, counts);
                if (!IndependentConverters.sameBitsOrBothNan(want, got)) {
                    fail(
                            format
                                    + " of "
                                    + EdgeTable.describe(x)
                                    + ": expected "
                                    + EdgeTable.describe(want)
                                    + " but got "
                                    + EdgeTable.describe(got));
                }
            }
            checked += 3;
        }
        return checked;
    }
}
