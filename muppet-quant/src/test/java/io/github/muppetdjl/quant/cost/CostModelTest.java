/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class CostModelTest {

    private static final Precision BFP8 = Precision.parse("bfp(8)/stochastic");
    private static final Precision BFP12 = Precision.parse("bfp(12)/stochastic");
    private static final Precision BFP16 = Precision.parse("bfp(16)/stochastic");

    /** Two dense layers 10 -> 10 -> 4, so the second one has all three passes. */
    private static Network twoDense() {
        return Network.builder().setInput(1, 1, 10).addDense("a", 10).addDense("b", 4).build();
    }

    private static PrecisionPolicy mixed() {
        return PrecisionPolicy.uniform(
                Map.of(
                        TensorRole.WEIGHT, BFP8,
                        TensorRole.ACTIVATION, BFP12,
                        TensorRole.ERROR, BFP16));
    }

    @Test
    void bitOpsAndBytesOfOneStepByHand() {
        // b_w = 8, b_a = 12, b_e = 16, b_g = 32 (FP32), B = 2, one step.
        // Layer a (first: no backward-data), M = 100: fwd 2*100*12*8 = 19200, bwd-w 2*100*12*16
        // = 38400. Layer b, M = 40: fwd 2*40*12*8 = 7680, bwd-d 2*40*16*8 = 10240, bwd-w
        // 2*40*12*16 = 15360. Total 90880.
        // Bits moved, a (in = out = 20 per batch, W = 100): fwd 20*12 + 100*8 + 20*12 = 1280;
        // bwd-w 20*12 + 20*16 + 100*32 = 3760; update 100*(32+32+32+8) = 10400.
        // b (in = 20, out = 8, W = 40): fwd 240 + 320 + 96 = 656; bwd-d 8*16 + 40*8 + 20*16 =
        // 768; bwd-w 240 + 128 + 40*32 = 1648; update 40*104 = 4160. Total 22672 bits.
        CostModel m = new CostModel(twoDense(), ThroughputTable.h100Sxm(), 2);
        EpochCost c = m.epoch(mixed(), 2);
        assertEquals(90_880, c.macBitOps(), 0);
        assertEquals(22_672 / 8.0, c.bytesMoved(), 1e-9);
    }

    @Test
    void fp32BitOpsAreThreeGemmsAt1024PerMacExceptFirstLayerBackwardData() {
        Network cnn = Network.smallCnn();
        CostModel m = new CostModel(cnn, ThroughputTable.turingT4(), 32);
        double perSample = m.epoch(Precision.FP32, 32).macBitOps() / 32;
        assertEquals((3.0 * 4_241_152 - 225_792) * 1024, perSample, 0);
        // Scales linearly with samples.
        assertEquals(perSample * 60_000, m.epoch(Precision.FP32, 60_000).macBitOps(), 1);
    }

    @Test
    void highPrecisionExemptionIsResolvedPerLayer() {
        // conv1 stays FP32 (forward + backward-weights only); the rest is FP8 in 3 passes.
        CostModel m = new CostModel(Network.smallCnn(), ThroughputTable.h100Sxm(), 1);
        double perSample = m.epoch(Presets.fp8Mellempudi(List.of("conv1")), 1).macBitOps();
        double expected = 2.0 * 225_792 * 32 * 32 + 3.0 * (3_612_672 + 401_408 + 1_280) * 8 * 8;
        assertEquals(expected, perSample, 0);
    }

    @Test
    void roofLineTakesTheSlowerOfComputeAndMemory() {
        ThroughputTable t = ThroughputTable.turingT4();
        // One layer, 1 MAC, a million weights: memory-bound everywhere.
        Network memoryBound =
                Network.of(
                        "mem", List.of(new ComputeLayer("x", LayerKind.DENSE, 1, 1_000_000, 1, 1)));
        EpochCost c = new CostModel(memoryBound, t, 1).epoch(Precision.FP32, 1);
        assertEquals(c.memorySeconds(), c.projectedSeconds(), 1e-18);
        // Bits: fwd 32 + W*32 + 32, bwd-w 32 + 32 + W*32, update W*128.
        double bytes = (4 * 32 + 1e6 * (32 + 32 + 128)) / 8;
        assertEquals(bytes, c.bytesMoved(), 1e-6);
        assertEquals(bytes / 320e9, c.memorySeconds(), 1e-18);
    }

    @Test
    void allFp32RunProjectsNoSpeedup() {
        for (ThroughputTable t : List.of(ThroughputTable.turingT4(), ThroughputTable.h100Sxm())) {
            CostModel m = new CostModel(Network.smallCnn(), t, 64);
            SpeedupProjection p =
                    SpeedupProjection.of(m, List.of(Presets.fp32(), Presets.fp32()), 10_000);
            assertEquals(1.0, p.speedup(), 0);
            assertEquals(2, p.epochs());
        }
    }

    @Test
    void allInt8RunOnComputeBoundLayerGetsTheTableRatio() {
        // 1e9 MACs on single-element tensors: compute dominates every pass by ~6 orders.
        Network computeBound =
                Network.of(
                        "cb",
                        List.of(new ComputeLayer("x", LayerKind.CONV, 1_000_000_000L, 1, 1, 1)));
        for (ThroughputTable t : List.of(ThroughputTable.turingT4(), ThroughputTable.h100Sxm())) {
            CostModel m = new CostModel(computeBound, t, 1);
            SpeedupProjection p =
                    SpeedupProjection.of(m, List.of(Presets.bfp(8), Presets.bfp(8)), 100);
            double ratio = t.rate(ComputeClass.INT8) / t.rate(ComputeClass.FP32);
            assertEquals(ratio, p.speedup(), ratio * 1e-4);
        }
        // Spec-sheet ratios: T4 130 / 8.1, H100 1978.9 / 67.
        assertEquals(
                130 / 8.1,
                ThroughputTable.turingT4().rate(ComputeClass.INT8)
                        / ThroughputTable.turingT4().rate(ComputeClass.FP32),
                1e-12);
    }

    @Test
    void mixedRunWeighsEachEpoch() {
        Network computeBound =
                Network.of(
                        "cb",
                        List.of(new ComputeLayer("x", LayerKind.CONV, 1_000_000_000L, 1, 1, 1)));
        ThroughputTable t = ThroughputTable.h100Sxm();
        CostModel m = new CostModel(computeBound, t, 1);
        // One INT8 epoch, one INT16 epoch, one FP32 epoch: times 1/r8 + 1/r16 + 1/r32 in units
        // of one epoch's FLOPs.
        SpeedupProjection p =
                SpeedupProjection.of(
                        m, List.of(Presets.bfp(8), Presets.bfp(12), Presets.fp32()), 10);
        double expected = 3 / 67e12 / (1 / 1978.9e12 + 4 / 1978.9e12 + 1 / 67e12);
        assertEquals(expected, p.speedup(), expected * 1e-4);
    }

    @Test
    void rejectsBadArguments() {
        CostModel m = new CostModel(Network.smallCnn(), ThroughputTable.h100Sxm(), 1);
        assertThrows(IllegalArgumentException.class, () -> m.epoch(Precision.FP32, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CostModel(Network.smallCnn(), ThroughputTable.h100Sxm(), 0));
        assertThrows(IllegalArgumentException.class, () -> SpeedupProjection.of(m, List.of(), 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ThroughputTable("t", Map.of(ComputeClass.INT8, 1.0), 1));
    }
}
