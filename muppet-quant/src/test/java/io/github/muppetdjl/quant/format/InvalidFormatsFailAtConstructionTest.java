/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Every invalid format fails in its constructor with an {@link IllegalArgumentException} whose
 * message names the bad field and its legal range; the boundary values themselves are accepted.
 */
class InvalidFormatsFailAtConstructionTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("wordBits", "[2, 24]", () -> new FixedPoint(1, 0)),
                bad("wordBits", "[2, 24]", () -> new FixedPoint(25, 0)),
                bad("wordBits", "[2, 24]", () -> new FixedPoint(0, 0)),
                bad("fractionBits", "[-100, 125]", () -> new FixedPoint(8, 126)),
                bad("fractionBits", "[-100, 125]", () -> new FixedPoint(8, -101)),
                bad("mantissaBits", "[2, 24]", () -> BlockFloatingPoint.perTensor(1)),
                bad("mantissaBits", "[2, 24]", () -> BlockFloatingPoint.perTensor(25)),
                bad("block", "null", () -> new BlockFloatingPoint(8, null)),
                bad("exponentBits", "[2, 8]", () -> new FloatingPoint(0, 2)),
                bad("exponentBits", "[2, 8]", () -> new FloatingPoint(1, 2)),
                bad("exponentBits", "[2, 8]", () -> new FloatingPoint(9, 2)),
                bad("exponentBits", "[2, 7]", () -> fp(8, 3, Specials.FN)),
                bad("mantissaBits", "[0, 23]", () -> new FloatingPoint(5, 24)),
                bad("mantissaBits", "[0, 23]", () -> new FloatingPoint(5, -1)),
                bad("mantissaBits", "[1, 23]", () -> fp(4, 0, Specials.FN)),
                bad("specials", "null", () -> fp(4, 3, null)),
                bad("dim", "[0, 31]", () -> new Block.Slice(-1)),
                bad("dim", "[0, 31]", () -> new Block.Slice(32)),
                bad("size", "[1, " + Integer.MAX_VALUE + "]", () -> new Block.Tile(0)));
    }

    private static Arguments bad(String field, String range, Executable constructor) {
        return Arguments.of(field, range, constructor);
    }

    private static FloatingPoint fp(int e, int m, Specials specials) {
        return new FloatingPoint(e, m, true, specials, false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void messageNamesTheFieldAndItsLegalRange(String field, String range, Executable ctor) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ctor);
        String message = e.getMessage();
        assertTrue(message.contains(field), "field '" + field + "' missing from: " + message);
        assertTrue(message.contains(range), "range '" + range + "' missing from: " + message);
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertDoesNotThrow(() -> new FixedPoint(2, -100));
        assertDoesNotThrow(() -> new FixedPoint(24, 125));
        assertDoesNotThrow(() -> BlockFloatingPoint.perTensor(2));
        assertDoesNotThrow(() -> new BlockFloatingPoint(24, new Block.Tile(1)));
        assertDoesNotThrow(() -> new FloatingPoint(2, 0));
        assertDoesNotThrow(() -> new FloatingPoint(8, 23));
        assertDoesNotThrow(() -> fp(2, 1, Specials.FN));
        assertDoesNotThrow(() -> fp(7, 23, Specials.FN));
        assertDoesNotThrow(() -> new Block.Slice(0));
        assertDoesNotThrow(() -> new Block.Slice(31));
    }
}
