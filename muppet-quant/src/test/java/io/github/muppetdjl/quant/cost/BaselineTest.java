/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;

import org.junit.jupiter.api.Test;

class BaselineTest {

    /** One dense layer 1000 -> 1000 at batch 1000: compute-bound on both shipped tables. */
    private static Network square() {
        return Network.builder().setInput(1, 1, 1000).addDense("fc", 1000).build();
    }

    @Test
    void tf32IsTheDefaultOnlyWhereTheTargetHasIt() {
        assertEquals(Baseline.TF32, Baseline.defaultFor(ThroughputTable.h100Sxm()));
        assertEquals(Baseline.FP32, Baseline.defaultFor(ThroughputTable.turingT4()));
    }

    @Test
    void tf32BaselinePricesFp32ProductsAtTheTf32Rate() {
        ThroughputTable h100 = ThroughputTable.h100Sxm();
        // 1e9 MACs per pass, 2 passes (first layer: no backward-data) = 4e9 operations.
        double fp32 =
                Baseline.FP32
                        .costModel(square(), h100, 1000)
                        .epoch(PrecisionPolicy.fp32(), 1000)
                        .computeSeconds();
        double tf32 =
                Baseline.TF32
                        .costModel(square(), h100, 1000)
                        .epoch(PrecisionPolicy.fp32(), 1000)
                        .computeSeconds();
        assertEquals(4e9 / 67e12, fp32, 1e-15);
        assertEquals(4e9 / 494.7e12, tf32, 1e-15);
    }

    @Test
    void bf16BaselineQuantisesTheFourOperandsTo16Bits() {
        SiteDescriptor site = new SiteDescriptor("fc", "Linear");
        PrecisionPolicy p = Baseline.BF16_MIXED.policy();
        for (TensorRole r :
                new TensorRole[] {
                    TensorRole.WEIGHT,
                    TensorRole.ACTIVATION,
                    TensorRole.ERROR,
                    TensorRole.WEIGHT_GRADIENT
                }) {
            assertEquals(16, OperandPrecisions.bits(p.resolve(site, r)), r.toString());
        }
        assertEquals(32, OperandPrecisions.bits(p.resolve(site, TensorRole.MASTER_WEIGHT)));
    }

    @Test
    void parseNamesTheLegalValues() {
        assertEquals(Baseline.BF16_MIXED, Baseline.parse("bf16"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Baseline.parse("fp16"));
        assertEquals("baseline must be fp32, tf32 or bf16, got 'fp16'", e.getMessage());
    }

    @Test
    void costModelRefusesOtherFullPrecisionClasses() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new CostModel(square(), ThroughputTable.h100Sxm(), 1, ComputeClass.FP16));
    }
}
