/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeClassTest {

    @ParameterizedTest
    @CsvSource({
        "bfp(8)/stochastic, INT8, 8",
        "bfp(12)/stochastic, INT16, 12",
        "bfp(16)/nearest, INT16, 16",
        "bfp(20)/nearest, FP32, 20",
        "'fixed(8,4)/nearest', INT8, 8",
        "fp8-e5m2/nearest, FP8, 8",
        "fp8-e4m3/nearest, FP8, 8",
        "fp16/nearest, FP16, 16",
        "bf16/nearest, FP16, 16",
        "tf32/nearest, TF32, 19",
        "fp32, FP32, 32"
    })
    void operandClassAndBits(String precision, ComputeClass expected, int bits) {
        Precision p = Precision.parse(precision);
        assertEquals(expected, ComputeClass.of(p));
        assertEquals(bits, OperandPrecisions.bits(p));
    }

    @ParameterizedTest
    @CsvSource({
        "bfp(8)/stochastic, bfp(8)/stochastic, INT8",
        "bfp(8)/stochastic, bfp(14)/stochastic, INT16",
        "bfp(8)/stochastic, fp8-e5m2/nearest, FP16",
        "bfp(8)/stochastic, fp16/nearest, FP16",
        "bfp(12)/stochastic, fp16/nearest, FP32",
        "bfp(12)/stochastic, tf32/nearest, FP32",
        "fp8-e4m3/nearest, fp8-e5m2/nearest, FP8",
        "fp8-e5m2/nearest, fp16/nearest, FP16",
        "fp16/nearest, tf32/nearest, TF32",
        "bfp(8)/stochastic, fp32, FP32"
    })
    void productRunsOnNarrowestClassHoldingBoth(String a, String b, ComputeClass expected) {
        Precision pa = Precision.parse(a);
        Precision pb = Precision.parse(b);
        assertEquals(expected, ComputeClass.of(pa, pb));
        assertEquals(expected, ComputeClass.of(pb, pa));
    }
}
