/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;

class TrainingMemoryTest {

    /** Dense 10 -> 4: 40 weights, 10 inputs per sample. */
    private static Network dense() {
        return Network.builder().setInput(1, 1, 10).addDense("fc", 4).build();
    }

    @Test
    void fp32KeepsNoMasterCopy() {
        TrainingMemory m = TrainingMemory.of(dense(), PrecisionPolicy.fp32(), Precision.FP32, 3, 2);
        // 40 weights x 4 bytes; gradients the same; Adam 2 x 160; activations 3 x 10 x 4.
        assertEquals(160, m.weights());
        assertEquals(0, m.masters());
        assertEquals(160, m.gradients());
        assertEquals(320, m.optimizerState());
        assertEquals(120, m.activations());
        assertEquals(760, m.total());
    }

    @Test
    void bfp8StoresOneByteWeightsBesideAnFp32Master() {
        TrainingMemory m = TrainingMemory.of(dense(), Presets.bfp(8), Precision.FP32, 3, 2);
        // bfp(8) on weights, activations, errors and weight gradients; state and master FP32.
        assertEquals(40, m.weights());
        assertEquals(160, m.masters());
        assertEquals(40, m.gradients());
        assertEquals(320, m.optimizerState());
        assertEquals(30, m.activations());
    }

    @Test
    void aRecipeMasterPrecisionAppliesWhereThePolicyLeavesMastersAtFp32() {
        Precision fp16 = Precision.parse("fp16/stochastic");
        TrainingMemory m = TrainingMemory.of(dense(), Presets.bfp(8), fp16, 1, 0);
        assertEquals(80, m.masters());
        assertEquals(0, m.optimizerState());
    }
}
