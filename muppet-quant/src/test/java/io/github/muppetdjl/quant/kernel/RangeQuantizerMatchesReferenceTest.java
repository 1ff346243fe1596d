/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.reference.RangeLinearReference;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

/**
 * Quantising over a given range (CPT's activations in evaluation, docs/algorithms.md §6.5) on
 * NDArrays agrees with the reference bit for bit, statistics included, for every rounding, with
 * values inside, outside and at the ends of the range and specials.
 */
class RangeQuantizerMatchesReferenceTest {

    @Test
    void givenRangeMatchesReference() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] data = Fixtures.mixed(3255, 5);
            float[] gauss = Fixtures.gaussian(3255, 6, 2f);
            for (float[] x : new float[][] {data, gauss}) {
                for (Rounding r : Rounding.values()) {
                    for (int bits : new int[] {1, 3, 8}) {
                        RangeLinear f = RangeLinear.perTensor(bits);
                        float[] expected = x.clone();
                        QuantStats es =
                                RangeLinearReference.quantizeInRange(
                                        expected, f, r, -1.5f, 2.25f, 77L);
                        NDArray in = manager.create(x);
                        StatsAccumulator acc = new StatsAccumulator();
                        NDArray out =
                                RangeQuantizer.quantizeInRange(in, f, r, -1.5f, 2.25f, 77L, acc);
                        String ctx = r + " " + bits;
                        Fixtures.assertBitsEqual(expected, out.toFloatArray(), ctx);
                        assertEquals(es, acc.snapshotAndReset(), ctx);
                        Fixtures.assertBitsEqual(x, in.toFloatArray(), ctx + " input kept");
                    }
                }
            }
        }
    }
}
