/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Memory of one layer worked out by hand: the conv group of {@link TensorGroupsTest} (288
 * activation elements, 20 weight elements), Adam (2 FP32 state tensors per parameter).
 */
class MemoryReportTest {

    private static final List<TensorGroup> ONE = List.of(DemotionTest.group(0, 288, 20));

    @Test
    void oneLayerByHand() {
        MemoryReport r =
                MemoryReport.of(
                        ONE,
                        new boolean[] {true},
                        new boolean[] {true},
                        PrecisionCandidates.DEFAULT,
                        2);
        // FP8 (1 byte): weights 20, activations 288, errors 288, weight gradients 20;
        // FP32 masters 4 * 20 = 80; Adam state 2 * 4 * 20 = 160.
        assertEquals(new MemoryBreakdown(20, 80, 288, 288, 20, 160), r.afterPromotions());
        assertEquals(856, r.afterPromotions().total());
        assertEquals(616, r.afterPromotions().assignedTensors());
        // All FP32, the weight its own master: 80 + 1152 + 1152 + 80 + 160.
        assertEquals(new MemoryBreakdown(80, 0, 1152, 1152, 80, 160), r.allFp32());
        assertEquals(2624, r.allFp32().total());
        // All FP16 (2 bytes) with FP32 masters: 40 + 80 + 576 + 576 + 40 + 160.
        assertEquals(new MemoryBreakdown(40, 80, 576, 576, 40, 160), r.allHigh());
        assertEquals(1472, r.allHigh().total());
        assertEquals(2624.0 / 856, r.reductionVsFp32(), 1e-12);
        assertEquals(1472.0 / 856, r.reductionVsHigh(), 1e-12);
        assertEquals(1.0, r.lowShareAfter());
        assertEquals(0, r.promotions());
    }

    @Test
    void aPromotionMovesTheGroupBackToHigh() {
        MemoryReport r =
                MemoryReport.of(
                        ONE,
                        new boolean[] {true},
                        new boolean[] {false},
                        PrecisionCandidates.DEFAULT,
                        2);
        assertEquals(r.allHigh(), r.afterPromotions());
        assertEquals(856, r.beforePromotions().total());
        assertEquals(1.0, r.lowShareBefore());
        assertEquals(0.0, r.lowShareAfter());
        assertEquals(1, r.promotions());
        assertTrue(r.toString().contains(MemoryReport.LABEL), r.toString());
    }

    @Test
    void oddBitWidthsRoundUpToWholeBytes() {
        PrecisionCandidates c =
                new PrecisionCandidates(
                        io.github.muppetdjl.quant.quantizer.Precision.parse("fixed(4,1)"),
                        io.github.muppetdjl.quant.quantizer.Precision.parse("fixed(4,1)"),
                        io.github.muppetdjl.quant.quantizer.Precision.FP32,
                        io.github.muppetdjl.quant.quantizer.Precision.FP32);
        MemoryBreakdown b =
                MemoryReport.breakdown(
                        List.of(DemotionTest.group(0, 3, 1)), new boolean[] {true}, c, false, 0);
        // 3 elements * 4 bits = 12 bits -> 2 bytes; 1 element * 4 bits -> 1 byte.
        assertEquals(new MemoryBreakdown(1, 0, 2, 2, 1, 0), b);
    }
}
