/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.Network;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.report.PrecisionSegment;

import org.junit.jupiter.api.Test;

import java.util.List;

class CostTallyTest {

    private static final Precision BFP8 = Precision.parse("bfp(8)/stochastic");

    /** Dense 10 -> 10 ({@code a}, 100 MACs) then 10 -> 4 ({@code b}, 40 MACs). */
    private static Network twoDense() {
        return Network.builder().setInput(1, 1, 10).addDense("a", 10).addDense("b", 4).build();
    }

    /** BFP-8 weights and activations at layer {@code a} only. */
    private static final PrecisionPolicy FIRST_LOW =
            (site, role) ->
                    site.name().equals("a")
                                    && (role == TensorRole.WEIGHT || role == TensorRole.ACTIVATION)
                            ? BFP8
                            : Precision.FP32;

    private static CostTally tally() {
        return new CostTally(
                twoDense(), ThroughputTable.h100Sxm(), Baseline.TF32, 4, Precision.FP32, 2);
    }

    @Test
    void traceIsRunLengthEncodedAndMacWeighted() {
        CostTally t = tally();
        PrecisionPolicy fp32 = PrecisionPolicy.fp32();
        t.step(0, fp32, 4);
        t.step(1, fp32, 4);
        t.step(2, FIRST_LOW, 4);
        t.step(3, fp32, 4);
        // (100 x 8 + 40 x 32) / 140 = 2080 / 140 bits at step 2.
        assertEquals(
                List.of(
                        new PrecisionSegment(0, 32),
                        new PrecisionSegment(2, 2080.0 / 140),
                        new PrecisionSegment(3, 32)),
                t.trace());
    }

    @Test
    void theBaselinesOwnPolicyCostsOne() {
        CostTally t = tally();
        t.step(0, PrecisionPolicy.fp32(), 4);
        t.step(1, PrecisionPolicy.fp32(), 3); // a short last batch
        assertEquals(1.0, t.relativeCost(), 1e-12);
    }

    @Test
    void memoryIsTheStepWeightedMean() {
        CostTally t = tally();
        t.step(0, PrecisionPolicy.fp32(), 4);
        t.step(1, FIRST_LOW, 4);
        // Weights: a 100 x 4 bytes, b 40 x 4 in FP32 = 560; with a in BFP-8: 100 + 160 = 260.
        assertEquals((560 + 260) / 2.0, t.memoryBytes().get("weights"), 1e-9);
        // Masters: none in FP32; a's FP32 copy (400 bytes) when a's weights are quantised.
        assertEquals(200, t.memoryBytes().get("masters"), 1e-9);
    }
}
