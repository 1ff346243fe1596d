/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** Bad input of any kind: exactly one line on stderr, nothing on stdout, exit status 2. */
class BadInputTest {

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                bad("unknown format", "quantize --format fp7 --rounding nearest 1", "fp7"),
                bad("unknown rounding", "quantize --format fp16 --rounding up 1", "up"),
                bad("unparsable value", "quantize --format fp16 --rounding nearest 1 x2", "x2"),
                bad("missing --format", "quantize --rounding nearest 1", "--format"),
                bad("missing --rounding", "quantize --format fp16 1", "--rounding"),
                bad("missing option value", "quantize --rounding nearest --format", "--format"),
                bad(
                        "unknown option",
                        "quantize --format fp16 --rounding nearest --fast 1",
                        "--fast"),
                bad(
                        "--block on fp",
                        "quantize --format fp16 --rounding nearest --block tile:4 1",
                        "bfp"),
                bad(
                        "--block on fixed",
                        "quantize --format fixed(8,4) --rounding zero --block tensor 1",
                        "bfp"),
                bad(
                        "--block slice",
                        "quantize --format bfp(8) --rounding zero --block slice:0 1",
                        "slice:0"),
                bad(
                        "--block tile:0",
                        "quantize --format bfp(8) --rounding zero --block tile:0 1",
                        "size"),
                bad(
                        "--block junk",
                        "quantize --format bfp(8) --rounding zero --block rows 1",
                        "rows"),
                bad(
                        "--block twice",
                        "quantize --format bfp(8,tile:4) --rounding zero --block tile:2 1",
                        "twice"),
                bad(
                        "--saturate on bfp",
                        "quantize --format bfp(8) --rounding zero --saturate 1",
                        "--saturate"),
                bad("bad seed", "quantize --format fp16 --rounding stochastic --seed 1.5 1", "1.5"),
                bad(
                        "word bits out of range",
                        "quantize --format fixed(1,0) --rounding zero 1",
                        "wordBits"),
                bad(
                        "exponent bits out of range",
                        "quantize --format float(9,3) --rounding zero 1",
                        "exponentBits"),
                bad(
                        "mantissa bits out of range",
                        "quantize --format float(5,24) --rounding zero 1",
                        "mantissaBits"),
                bad("underscored number", "quantize --format fp16 --rounding zero -- 1_0", "1_0"),
                bad("unknown command", "dequantize", "dequantize"),
                bad("no command", "", "command"),
                bad("bench without benchmark", "bench", "benchmark"));
    }

    private static Arguments bad(String what, String commandLine, String mentioned) {
        String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");
        return Arguments.of(what, args, mentioned);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void printsOneLineAndExitsWithTwo(String what, String[] args, String mentioned) {
        CliRun run = CliRun.of(args);
        assertOneLineError(run);
        assertTrue(run.err().contains(mentioned), () -> what + ": " + run.err());
    }

    @Test
    void unparsableStdinValueIsBadInput() {
        CliRun run =
                CliRun.withStdin(
                        "1.0 2.0\n3,5\n", "quantize", "--format", "fp16", "--rounding", "zero");
        assertOneLineError(run);
        assertTrue(run.err().contains("value 3") && run.err().contains("3,5"), run.err());
    }

    @Test
    void nanTextIsAValueNotAnError() {
        CliRun run = CliRun.of("quantize", "--format", "bfp(8)", "--rounding", "nearest", "NaN");
        assertEquals(0, run.status(), run::toString);
        assertArrayEquals(new String[] {"NaN"}, run.lines());
    }

    @Test
    void helpGoesToStdoutWithStatusZero() {
        CliRun run = CliRun.of("quantize", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("Usage: muppet quantize"), run.out());
        assertEquals("", run.err());
    }

    static void assertOneLineError(CliRun run) {
        assertEquals(MuppetCli.EXIT_USAGE, run.status(), run::toString);
        assertEquals("", run.out(), run::toString);
        String err = run.err();
        assertTrue(err.endsWith("\n"), () -> "unterminated: " + err);
        assertEquals(1, err.split("\\R", -1).length - 1, () -> "not one line: " + err);
        assertTrue(err.startsWith("muppet"), err);
        assertFalse(err.contains("\tat "), err);
    }
}
