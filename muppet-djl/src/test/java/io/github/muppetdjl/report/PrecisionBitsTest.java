/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecisionBitsTest {

    @ParameterizedTest
    @CsvSource({
        "bfp(8)/stochastic, 8",
        "bfp(14)/stochastic, 14",
        "fp32, 32",
        "fp16/nearest, 16",
        "fp8-e5m2/nearest, 8",
        "bfp12, 12",
        "dfp16, 16",
        "fp8-mellempudi, 8",
        "muppet-level0, NaN",
        "'', NaN"
    })
    void widthFromPrecisionOrPolicyName(String text, double bits) {
        assertEquals(bits, PrecisionBits.of(text));
    }
}
