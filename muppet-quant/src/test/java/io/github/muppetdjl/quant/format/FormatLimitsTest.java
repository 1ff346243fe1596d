/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Formats know their limits: max finite, min normal and min subnormal of each preset and variant
 * (values from docs/algorithms.md §2.3 and the FP8 paper of Micikevicius et al., 2022), and bit
 * widths.
 */
class FormatLimitsTest {

    static Stream<Arguments> limits() {
        return Stream.of(
                // format, bits, maxFinite, minNormal, minSubnormal
                Arguments.of(FloatingPoint.FP8_E5M2, 8, 57344f, 0x1p-14f, 0x1p-16f),
                Arguments.of(FloatingPoint.FP8_E4M3, 8, 448f, 0x1p-6f, 0x1p-9f),
                Arguments.of(FloatingPoint.FP16, 16, 65504f, 0x1p-14f, 0x1p-24f),
                Arguments.of(FloatingPoint.BF16, 16, 0x1.fep127f, 0x1p-126f, 0x1p-133f),
                Arguments.of(FloatingPoint.TF32, 19, 0x1.ffcp127f, 0x1p-126f, 0x1p-136f),
                Arguments.of(nosub(FloatingPoint.FP8_E5M2), 8, 57344f, 0x1p-14f, 0x1p-14f),
                Arguments.of(nosub(FloatingPoint.FP8_E4M3), 8, 448f, 0x1p-6f, 0x1p-6f),
                Arguments.of(FloatingPoint.FP16.withSaturation(), 16, 65504f, 0x1p-14f, 0x1p-24f),
                Arguments.of(new FloatingPoint(8, 23), 32, Float.MAX_VALUE, 0x1p-126f, 0x1p-149f),
                // e2m1 FN (OCP FP4-like): bias 1, top binade {4, NaN}.
                Arguments.of(new FloatingPoint(2, 1, true, Specials.FN, false), 4, 4f, 1f, 0.5f),
                // e7m2 FN: bias 63, emax 64, max 1.5 * 2^64.
                Arguments.of(
                        new FloatingPoint(7, 2, true, Specials.FN, false),
                        10,
                        0x1.8p64f,
                        0x1p-62f,
                        0x1p-64f),
                Arguments.of(new FixedPoint(8, 4), 8, 127 / 16f, 1 / 16f, 1 / 16f),
                Arguments.of(new FixedPoint(16, -3), 16, 32767 * 8f, 8f, 8f),
                Arguments.of(BlockFloatingPoint.perTensor(8), 8, 127f, 64f, 1f),
                Arguments.of(
                        FullPrecision.FP32,
                        32,
                        Float.MAX_VALUE,
                        Float.MIN_NORMAL,
                        Float.MIN_VALUE));
    }

    private static FloatingPoint nosub(FloatingPoint f) {
        return new FloatingPoint(
                f.exponentBits(), f.mantissaBits(), false, f.specials(), f.saturate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void presetsAndVariantsReportTheirLimits(
            NumberFormat format, int bits, float max, float minNormal, float minSubnormal) {
        assertEquals(bits, format.bits(), format + " bits");
        assertEquals(max, format.maxFinite(), format + " maxFinite");
        assertEquals(minNormal, format.minNormal(), format + " minNormal");
        assertEquals(minSubnormal, format.minSubnormal(), format + " minSubnormal");
    }

    @Test
    void everyValidFloatingPointFormatHasAFiniteMaxInsideFp32() {
        for (Specials specials : Specials.values()) {
            for (int e = 2; e <= 8; e++) {
                for (int m = 0; m <= 23; m++) {
                    FloatingPoint f;
                    try {
                        f = new FloatingPoint(e, m, true, specials, false);
                    } catch (IllegalArgumentException invalid) {
                        continue;
                    }
                    // max = (2 - ulps * 2^-m) * 2^emax with one ulp (IEEE) or two (FN) lost.
                    int bias = (1 << (e - 1)) - 1;
                    int emax = (1 << e) - (specials == Specials.IEEE ? 2 : 1) - bias;
                    double expected =
                            Math.scalb(
                                    2.0 - (specials == Specials.FN ? 2 : 1) * Math.scalb(1.0, -m),
                                    emax);
                    assertEquals(expected, f.maxFinite(), 0.0, f + " maxFinite");
                    assertEquals(Math.scalb(1.0, 1 - bias), f.minNormal(), 0.0, f + " minNormal");
                    assertEquals(Math.scalb(1.0, 1 - bias - m), f.minSubnormal(), 0.0, f + " min");
                }
            }
        }
    }
}
