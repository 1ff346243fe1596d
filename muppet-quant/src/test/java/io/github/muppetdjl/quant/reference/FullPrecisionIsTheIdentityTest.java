/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** Quantising to FP32 changes no bit, whatever the rounding, and counts every value. */
class FullPrecisionIsTheIdentityTest {

    @Test
    void everyBitPatternSurvives() {
        SplittableRandom random = new SplittableRandom(32);
        float[] data = new float[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.intBitsToFloat(random.nextInt());
        }
        data[0] = -0f;
        data[1] = Float.MIN_VALUE;
        data[2] = Float.intBitsToFloat(0x7FC0_1234); // NaN with a payload
        data[3] = Float.NEGATIVE_INFINITY;
        for (Rounding r : Rounding.values()) {
            float[] copy = data.clone();
            Precision p = Precision.parse("fp32/" + r.shortName());
            assertTrue(p.isIdentity(), p.toString());
            QuantStats stats = ScalarQuantizer.quantize(copy, new long[] {copy.length}, p, 5L);
            for (int i = 0; i < data.length; i++) {
                assertEquals(
                        Float.floatToRawIntBits(data[i]),
                        Float.floatToRawIntBits(copy[i]),
                        "element " + i);
            }
            assertEquals(data.length, stats.total());
        }
    }
}
