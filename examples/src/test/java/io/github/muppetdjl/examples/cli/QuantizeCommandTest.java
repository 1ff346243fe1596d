/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** {@code muppet quantize}: worked values derived by hand, and agreement with the reference. */
class QuantizeCommandTest {

    private static CliRun quantize(String format, String rounding, String... rest) {
        List<String> args = new ArrayList<>(List.of("quantize", "--format", format));
        args.add("--rounding");
        args.add(rounding);
        args.addAll(List.of(rest));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run::toString);
        assertEquals("", run.err(), run::toString);
        return run;
    }

    private static void assertBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(actual[i]),
                    "element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void fp8E5m2NearestMatchesHandWorkedValues() {
        // Two mantissa bits: the step is 0.25 in [1,2) and 0.5 in [2,4).
        // 1.3 = 5.2 steps -> 5; 1.375 = 5.5 (tie) -> 6 (even); 1.125 = 4.5 (tie) -> 4;
        // -2.7 = 5.4 half-steps -> 5.
        CliRun run = quantize("fp8-e5m2", "nearest", "1.3", "1.375", "1.125", "-2.7");
        assertArrayEquals(new String[] {"1.25", "1.5", "1.0", "-2.5"}, run.lines());
    }

    @Test
    void bfp8SharesTheTensorExponent() {
        // max 0.7: s = floor(log2(127.5 / 0.7)) = 7, so 0.3*128 = 38.4 -> 38 and -0.7*128 = -89.6
        // -> -90.
        CliRun run = quantize("bfp(8)", "nearest", "0.3", "-0.7");
        assertBits(new float[] {38f / 128, -90f / 128}, run.values());
    }

    @Test
    void fixedPointRoundsThenSaturates() {
        // fixed(8,4): step 1/16, integers in [-128, 127]. 0.3 = 4.8 steps -> 5; 0.03125 = 0.5
        // (tie) -> 0 keeping the sign; 0.09375 = 1.5 (tie) -> 2; 100 -> 127/16; -100 -> -8.
        CliRun run = quantize("fixed(8,4)", "nearest", "0.3", "-0.03125", "0.09375", "100", "-100");
        assertBits(new float[] {5f / 16, -0f, 2f / 16, 127f / 16, -8f}, run.values());
    }

    @Test
    void towardZeroTruncatesTheMagnitude() {
        CliRun run = quantize("fixed(8,4)", "zero", "0.3", "-0.3");
        assertBits(new float[] {4f / 16, -4f / 16}, run.values());
    }

    @Test
    void specialValuesAndSignsPassAsArguments() {
        CliRun run = quantize("fp16", "nearest", "-0.0", "NaN", "-Infinity", "Infinity", "-1e-9");
        assertBits(
                new float[] {-0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -0f},
                run.values());
    }

    @Test
    void valuesAfterDoubleDashAreValues() {
        CliRun run = quantize("fp8-e5m2", "nearest", "--", "-0.7", "-3");
        assertArrayEquals(new String[] {"-0.75", "-3.0"}, run.lines());
    }

    @Test
    void saturateClampsInsteadOfOverflowing() {
        // E5M2 (IEEE) overflows to Infinity, E4M3 (FN) to NaN; saturation clamps to max.
        assertArrayEquals(
                new String[] {"Infinity", "NaN"},
                new String[] {
                    quantize("fp8-e5m2", "nearest", "1e6").lines()[0],
                    quantize("fp8-e4m3", "nearest", "1000").lines()[0]
                });
        assertArrayEquals(
                new String[] {"57344.0", "-448.0"},
                new String[] {
                    quantize("fp8-e5m2", "nearest", "--saturate", "1e6").lines()[0],
                    quantize("fp8-e4m3", "nearest", "--saturate", "-1000").lines()[0]
                });
    }

    @Test
    void tileBlocksHaveTheirOwnExponent() {
        // bfp(4): integers in [-8, 7], s = floor(log2(7.5 / max)).
        // tile:2 -> [0.3, 1.0] has s = 2: 1.2 -> 1 (0.25), 4 -> 4 (1.0);
        //           [8.0, 0.5] has s = -1: 4 -> 4 (8.0), 0.25 -> 0.
        // tensor -> s = -1 for all: 0.15 -> 0, 0.5 (tie) -> 0, 4 -> 8.0, 0.25 -> 0.
        String[] values = {"0.3", "1.0", "8.0", "0.5"};
        float[] tiled = {0.25f, 1f, 8f, 0f};
        assertBits(
                tiled, quantize("bfp(4)", "nearest", with("--block", "tile:2", values)).values());
        assertBits(tiled, quantize("bfp(4,tile:2)", "nearest", values).values());
        assertBits(
                new float[] {0f, 0f, 8f, 0f},
                quantize("bfp(4)", "nearest", with("--block", "tensor", values)).values());
        assertBits(new float[] {0f, 0f, 8f, 0f}, quantize("bfp(4)", "nearest", values).values());
    }

    @Test
    void stdinIsReadWhenNoValuesAreGiven() {
        CliRun piped =
                CliRun.withStdin(
                        "1.3\t1.375\n\n  1.125   -2.7\n",
                        "quantize",
                        "--format",
                        "fp8-e5m2",
                        "--rounding",
                        "nearest");
        assertEquals(0, piped.status(), piped::toString);
        assertArrayEquals(new String[] {"1.25", "1.5", "1.0", "-2.5"}, piped.lines());
        CliRun empty =
                CliRun.withStdin(" \n", "quantize", "--format", "fp16", "--rounding", "zero");
        assertEquals(0, empty.status(), empty::toString);
        assertEquals("", empty.out());
    }

    @Test
    void stochasticIsSeededReproducibleAndPicksANeighbour() {
        // fixed(8,4): 0.3 lies between 4/16 and 5/16, 0.8 of the way up; -0.7 between -11/16 and
        // -12/16, 0.2 of the way.
        String[] values = new String[64];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? "0.3" : "-0.7";
        }
        float[] a = quantize("fixed(8,4)", "stochastic", with("--seed", "42", values)).values();
        float[] b = quantize("fixed(8,4)", "stochastic", with("--seed", "42", values)).values();
        float[] c = quantize("fixed(8,4)", "stochastic", with("--seed", "43", values)).values();
        assertBits(a, b);
        assertNotEquals(List.of(toBoxed(a)), List.of(toBoxed(c)), "seeds 42 and 43 agree");
        int ups = 0;
        for (int i = 0; i < a.length; i++) {
            float lo = i % 2 == 0 ? 4f / 16 : -11f / 16;
            float hi = i % 2 == 0 ? 5f / 16 : -12f / 16;
            assertTrue(a[i] == lo || a[i] == hi, "element " + i + " = " + a[i]);
            ups += a[i] == hi ? 1 : 0;
        }
        // Expected 32*0.8 + 32*0.2 = 32 round-ups; sd = sqrt(32*0.16*2) = 3.2; 5 sigma = 16.
        assertTrue(Math.abs(ups - 32) <= 16, "round-ups " + ups);
        float[] data = new float[values.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.parseFloat(values[i]);
        }
        ScalarQuantizer.quantize(
                data,
                new long[] {data.length},
                Precision.parse("fixed(8,4)/stochastic"),
                CounterRng.key(42, 0, 0));
        assertBits(data, a);
    }

    @Test
    void defaultSeedIsZero() {
        String[] values = {"0.3", "0.3", "0.3", "0.3", "0.3", "0.3", "0.3", "0.3"};
        assertBits(
                quantize("bfp(4)", "stochastic", with("--seed", "0", values)).values(),
                quantize("bfp(4)", "stochastic", values).values());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fixed(16,8)/nearest",
                "fixed(6,-2)/stochastic",
                "bfp(8)/stochastic",
                "bfp(12)/zero",
                "bfp(5,tile:3)/stochastic",
                "float(3,1)/nearest",
                "float(4,3,fn)/stochastic",
                "fp8-e5m2/stochastic",
                "fp8-e4m3/zero",
                "fp16/nearest",
                "bf16/stochastic",
                "tf32/nearest",
                "fp32/nearest"
            })
    void agreesWithTheReferenceQuantizer(String precisionText) {
        Random random = new Random(precisionText.hashCode());
        float[] data = new float[257];
        String[] args = new String[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(40) - 20));
            args[i] = Float.toString(data[i]);
        }
        Precision precision = Precision.parse(precisionText);
        ScalarQuantizer.quantize(
                data, new long[] {data.length}, precision, CounterRng.key(7, 0, 0));
        int slash = precisionText.lastIndexOf('/');
        String format = precisionText.substring(0, slash);
        String rounding = precisionText.substring(slash + 1);
        assertBits(data, quantize(format, rounding, with("--seed", "7", args)).values());
    }

    private static String[] with(String option, String value, String[] values) {
        List<String> all = new ArrayList<>(List.of(option, value));
        all.addAll(List.of(values));
        return all.toArray(String[]::new);
    }

    private static Float[] toBoxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
