/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class PrecisionScheduleTest {

    private static final PrecisionPolicy BFP8 = Presets.bfp(8);
    private static final PrecisionPolicy BFP16 = Presets.bfp(16);
    private static final PrecisionPolicy FP32 = Presets.fp32();

    @Test
    void fixedAlwaysAnswersTheSamePolicy() {
        PrecisionSchedule s = PrecisionSchedule.fixed(BFP8);
        assertSame(BFP8, s.policyAt(0, 0, Map.of()));
        assertSame(BFP8, s.policyAt(123456, 99, Map.of("loss", 1.0)));
    }

    @Test
    void byEpochPicksTheLatestStartNotAfterTheEpoch() {
        PrecisionSchedule s = PrecisionSchedule.byEpoch(Map.of(0, BFP8, 3, BFP16, 7, FP32));
        PrecisionPolicy[] expected = {BFP8, BFP8, BFP8, BFP16, BFP16, BFP16, BFP16, FP32, FP32};
        for (int e = 0; e < expected.length; e++) {
            assertSame(expected[e], s.policyAt(1000L * e, e, Map.of()), "epoch " + e);
        }
        assertSame(FP32, s.policyAt(0, 1000, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> s.policyAt(0, -1, Map.of()));
    }

    @Test
    void byStepPicksTheLatestStartNotAfterTheStep() {
        PrecisionSchedule s = PrecisionSchedule.byStep(Map.of(0L, BFP8, 500L, FP32));
        assertSame(BFP8, s.policyAt(0, 5, Map.of()));
        assertSame(BFP8, s.policyAt(499, 5, Map.of()));
        assertSame(FP32, s.policyAt(500, 0, Map.of()));
    }

    @Test
    void startsMustIncludeZero() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PrecisionSchedule.byEpoch(Map.of(1, BFP8)));
        assertTrue(e.getMessage().contains("epoch 0"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> PrecisionSchedule.byStep(Map.of(5L, BFP8)));
        assertThrows(
                IllegalArgumentException.class,
                () -> PrecisionSchedule.byEpoch(Map.of(0, BFP8, -2, FP32)));
    }

    @Test
    void functionSeesStepEpochAndMetrics() {
        PrecisionSchedule s =
                PrecisionSchedule.of(
                        "fp32 once loss < 0.5 or from epoch 10",
                        (step, epoch, metrics) ->
                                epoch >= 10 || metrics.getOrDefault("trainLoss", 9.0) < 0.5
                                        ? FP32
                                        : BFP8);
        assertSame(BFP8, s.policyAt(0, 0, Map.of()));
        assertSame(BFP8, s.policyAt(10, 1, Map.of("trainLoss", 0.7)));
        assertSame(FP32, s.policyAt(20, 2, Map.of("trainLoss", 0.4)));
        assertSame(FP32, s.policyAt(20, 10, Map.of()));
        assertEquals("function(fp32 once loss < 0.5 or from epoch 10)", s.toString());
    }

    @Test
    void functionCannotModifyTheMetricsOrReturnNull() {
        Map<String, Double> metrics = new HashMap<>(Map.of("a", 1.0));
        PrecisionSchedule mutating =
                PrecisionSchedule.of(
                        "bad",
                        (step, epoch, m) -> {
                            m.put("b", 2.0);
                            return FP32;
                        });
        assertThrows(UnsupportedOperationException.class, () -> mutating.policyAt(0, 0, metrics));
        assertEquals(Map.of("a", 1.0), metrics);
        PrecisionSchedule nulls = PrecisionSchedule.of("null", (step, epoch, m) -> null);
        assertThrows(IllegalStateException.class, () -> nulls.policyAt(0, 0, Map.of()));
    }

    @Test
    void activePolicyCountsOnlyRealChanges() {
        ActivePolicy active = new ActivePolicy(PrecisionSchedule.byEpoch(Map.of(0, BFP8, 2, FP32)));
        assertSame(BFP8, active.current());
        assertEquals(0, active.generation());
        assertFalse(active.update(0, 0, Map.of()));
        assertFalse(active.update(50, 1, Map.of()));
        assertEquals(0, active.generation());
        assertTrue(active.update(100, 2, Map.of()));
        assertEquals(1, active.generation());
        assertSame(FP32, active.current());
        assertEquals(FP32.toString(), active.toString());
        SiteDescriptor s = new SiteDescriptor("c", "Conv2d");
        assertTrue(active.resolve(s, TensorRole.WEIGHT).isIdentity());
    }

    @Test
    void equalButDistinctPoliciesAreNotAChange() {
        ActivePolicy active =
                new ActivePolicy(
                        PrecisionSchedule.of(
                                "fresh bfp8 each call", (step, epoch, m) -> Presets.bfp(8)));
        for (int step = 1; step < 5; step++) {
            assertFalse(active.update(step, 0, Map.of()));
        }
        assertEquals(0, active.generation());
    }

    @Test
    void activePolicyFollowsMuppetSwitches() {
        MuppetSwitchingPolicy muppet =
                MuppetSwitchingPolicyTest.fastPolicy(PrecisionLadder.ofBfp(8));
        ActivePolicy active = new ActivePolicy(muppet);
        SiteDescriptor s = new SiteDescriptor("c", "Conv2d");
        assertEquals("bfp(8)/stochastic", active.resolve(s, TensorRole.ERROR).toString());
        muppet.onEpochEnd(0, 10);
        assertFalse(active.update(1, 1, Map.of()));
        muppet.onEpochEnd(1, 1);
        muppet.onEpochEnd(2, 1); // switch to FP32 from epoch 3
        assertTrue(active.update(3, 3, Map.of()));
        assertTrue(active.resolve(s, TensorRole.ERROR).isIdentity());
        assertEquals(1, active.generation());
    }
}
