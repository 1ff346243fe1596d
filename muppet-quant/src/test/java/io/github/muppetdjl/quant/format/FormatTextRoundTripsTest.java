/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-line text form of every format and precision is stable and parses back to an equal value;
 * garbage is rejected with a message that says what was wrong.
 */
class FormatTextRoundTripsTest {

    /** Every valid fixed-point, BFP and floating-point format (BFP over a sample of blocks). */
    static List<NumberFormat> allFormats() {
        List<NumberFormat> all = new ArrayList<>();
        all.add(FullPrecision.FP32);
        for (int w = 2; w <= 24; w++) {
            for (int f = -100; f <= 125; f++) {
                all.add(new FixedPoint(w, f));
            }
            all.add(BlockFloatingPoint.perTensor(w));
            for (int d = 0; d <= 31; d++) {
                all.add(new BlockFloatingPoint(w, new Block.Slice(d)));
            }
            for (int size : new int[] {1, 2, 16, 32, 1000, Integer.MAX_VALUE}) {
                all.add(new BlockFloatingPoint(w, new Block.Tile(size)));
            }
        }
        for (Specials specials : Specials.values()) {
            for (int e = 2; e <= 8; e++) {
                for (int m = 0; m <= 23; m++) {
                    for (int flags = 0; flags < 4; flags++) {
                        try {
                            all.add(
                                    new FloatingPoint(
                                            e, m, (flags & 1) == 0, specials, (flags & 2) != 0));
                        } catch (IllegalArgumentException invalid) {
                            // FN needs e <= 7 and m >= 1; the constructor test covers that.
                        }
                    }
                }
            }
        }
        return all;
    }

    @Test
    void everyFormatParsesBackFromItsToString() {
        List<NumberFormat> all = allFormats();
        assertTrue(all.size() > 6000, "enumerated " + all.size());
        for (NumberFormat format : all) {
            String text = format.toString();
            assertEquals(format, NumberFormat.parse(text), text);
            assertEquals(format, NumberFormat.parse("  " + text.toUpperCase() + " "), text);
        }
    }

    @Test
    void everyPrecisionParsesBackFromItsToString() {
        for (NumberFormat format : allFormats()) {
            for (Rounding rounding : Rounding.values()) {
                if (format == FullPrecision.FP32 && rounding != Rounding.NEAREST_EVEN) {
                    // Known gap: FP32 prints as "fp32" whatever the (irrelevant) rounding.
                    continue;
                }
                Precision p = new Precision(format, rounding);
                assertEquals(p, Precision.parse(p.toString()), p.toString());
            }
        }
        assertEquals(Precision.FP32, Precision.parse("fp32"));
    }

    @ParameterizedTest
    @CsvSource({
        "fp8-e5m2, 5, 2, true, IEEE, false",
        "fp8-e4m3, 4, 3, true, FN, false",
        "fp16, 5, 10, true, IEEE, false",
        "bf16, 8, 7, true, IEEE, false",
        "tf32, 8, 10, true, IEEE, false",
        "fp16-nosub, 5, 10, false, IEEE, false",
        "fp8-e4m3-sat, 4, 3, true, FN, true",
        "fp8-e5m2-nosub-sat, 5, 2, false, IEEE, true",
        "'float(3,2)', 3, 2, true, IEEE, false",
        "'float(3,2,fn)', 3, 2, true, FN, false",
        "'float(3,2,fn)-nosub-sat', 3, 2, false, FN, true"
    })
    void floatingPointTextIsStable(
            String text, int e, int m, boolean subnormals, Specials specials, boolean saturate) {
        FloatingPoint f = new FloatingPoint(e, m, subnormals, specials, saturate);
        assertEquals(text, f.toString());
    }

    @Test
    void otherTextFormsAreStable() {
        assertEquals("fixed(16,8)", new FixedPoint(16, 8).toString());
        assertEquals("fixed(4,-2)", new FixedPoint(4, -2).toString());
        assertEquals("bfp(8)", BlockFloatingPoint.perTensor(8).toString());
        assertEquals("bfp(8,tile:32)", new BlockFloatingPoint(8, new Block.Tile(32)).toString());
        assertEquals("bfp(12,slice:0)", new BlockFloatingPoint(12, new Block.Slice(0)).toString());
        assertEquals("fp32", FullPrecision.FP32.toString());
        assertEquals("fp32", Precision.FP32.toString());
        assertEquals("bfp(8)/stochastic", Precision.parse("bfp(8)/stochastic").toString());
        assertEquals("fp8-e5m2/nearest", Precision.parse("fp8-e5m2").toString());
        assertEquals("fixed(8,4)/zero", Precision.parse("fixed(8,4)/toward_zero").toString());
        assertEquals(FloatingPoint.FP16, NumberFormat.parse("float(5,10)"));
        assertEquals(FloatingPoint.FP8_E4M3, NumberFormat.parse("float(4,3,fn)"));
        assertEquals(BlockFloatingPoint.perTensor(8), NumberFormat.parse("bfp(8,tensor)"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''| must not be empty",
                "'   '| must not be empty",
                "hello| unknown format 'hello'",
                "fixed| unknown format",
                "fp8-e3m4| unknown format",
                "fp16(| unknown format",
                "fixed(16)| takes 2 arguments, got 1",
                "fixed(16,8,1)| takes 2 arguments, got 3",
                "bfp()| is not an integer",
                "bfp(8,tile:32,1)| takes 1 or 2 arguments, got 3",
                "fixed(a,8)| 'a' is not an integer",
                "fixed(1,8)| wordBits must be in [2, 24], got 1",
                "float(9,2)| exponentBits must be in [2, 8], got 9",
                "float(8,3,fn)| exponentBits must be in [2, 7], got 8",
                "float(5,2,xx)| third float argument must be fn",
                "bfp(8,tile:0)| size must be in [1, ",
                "bfp(8,tile:x)| block size must be an integer",
                "bfp(8,block)| block must be tensor, slice:D or tile:N",
                "fixed(8,4)-sat| -sat and -nosub apply only to floating-point formats",
                "bfp(8)-nosub| -sat and -nosub apply only to floating-point formats",
                "fp32-sat| unknown format"
            })
    void garbageIsRejectedWithAClearMessage(String text, String fragment) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NumberFormat.parse(text));
        assertTrue(
                e.getMessage().contains(fragment.strip()),
                "'" + text + "' gave: " + e.getMessage());
    }

    @Test
    void precisionGarbageIsRejectedWithAClearMessage() {
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16/up"))
                        .getMessage()
                        .contains("unknown rounding 'up'; expected nearest, stochastic or zero"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Precision.parse("/nearest"))
                        .getMessage()
                        .contains("must not be empty"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> Precision.parse(null))
                        .getMessage()
                        .contains("must not be null"));
        assertThrows(IllegalArgumentException.class, () -> NumberFormat.parse(null));
    }
}
