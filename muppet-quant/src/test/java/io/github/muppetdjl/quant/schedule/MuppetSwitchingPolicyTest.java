/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class MuppetSwitchingPolicyTest {

    private static final double NOT_CHECKED = 1e-9; // would be a violation if it were checked

    @Test
    void thresholdMatchesTheSpec() {
        MuppetConfig c = MuppetSwitchingPolicy.builder().build().config();
        assertEquals(2.5, c.threshold(0), 1e-15);
        assertEquals(1.9098, Math.round(c.threshold(5) * 1e4) / 1e4);
        assertEquals(1 + 1.5 * Math.exp(-0.2), c.threshold(2), 1e-15);
        MuppetConfig custom =
                MuppetSwitchingPolicy.builder().optThreshold(2, 0.5, 1).build().config();
        assertEquals(2 + 0.5 * Math.exp(-3), custom.threshold(3), 1e-15);
    }

    @Test
    void defaultsAreTheSpecs() {
        MuppetSwitchingPolicy p = MuppetSwitchingPolicy.builder().build();
        assertEquals(PrecisionLadder.muppet(), p.ladder());
        assertEquals(3, p.config().resolution());
        assertEquals(2, p.config().patience());
        assertEquals(
                "[bfp(8)/stochastic > bfp(12)/stochastic > bfp(14)/stochastic >"
                        + " bfp(16)/stochastic > fp32][WEIGHT,ACTIVATION,ERROR,WEIGHT_GRADIENT]",
                p.ladder().toString());
        assertEquals(0, p.currentLevel());
        assertEquals(Presets.bfp(8).rules(), p.ladder().policy(0).rules());
        assertEquals(
                "muppet{ladder="
                        + p.ladder()
                        + ", resolution=3, patience=2, threshold=1.0+1.5*exp(-0.1*e)}",
                p.toString());
    }

    @Test
    void checksRunOnlyAtEpochsWhereEPlusOneIsAMultipleOfR() {
        MuppetSwitchingPolicy p = MuppetSwitchingPolicy.builder().build();
        for (int e = 0; e < 9; e++) {
            p.onEpochEnd(e, 10.0 + e);
        }
        assertEquals(List.of(2, 5, 8), p.checks().stream().map(DiversityCheck::epoch).toList());
        MuppetSwitchingPolicy everyEpoch = MuppetSwitchingPolicy.builder().optResolution(1).build();
        for (int e = 0; e < 4; e++) {
            everyEpoch.onEpochEnd(e, 10.0 + e);
        }
        assertEquals(4, everyEpoch.checks().size());
    }

    /**
     * r = 3, patience 2, default T. Checks at epochs 2, 5, 8, 11: D = 10 (maxD = 10), 4 (p = 2.5 >
     * T(5) = 1.91: violation 1), 9 (p = 1.11 < T(8) = 1.67: pass), 5 (p = 2 > T(11) = 1.50:
     * violation 2). If the pass reset the count, epoch 11 would not switch.
     */
    @Test
    void passingCheckDoesNotResetTheCountAndSwitchTakesEffectNextEpoch() {
        MuppetSwitchingPolicy p = MuppetSwitchingPolicy.builder().build();
        double[] trace = {NOT_CHECKED, NOT_CHECKED, 10, NOT_CHECKED, NOT_CHECKED, 4, 0, 0, 9, 0, 0};
        for (int e = 0; e < trace.length; e++) {
            assertEquals(Optional.empty(), p.onEpochEnd(e, trace[e]), "epoch " + e);
            assertEquals(0, p.currentLevel());
        }
        List<DiversityCheck> checks = p.checks();
        assertFalse(checks.get(0).violation());
        assertTrue(checks.get(1).violation());
        assertEquals(2.5, checks.get(1).ratio(), 1e-15);
        assertFalse(checks.get(2).violation());
        assertEquals(1, checks.get(2).violations(), "a passing check keeps the count");

        Optional<SwitchEvent> sw = p.onEpochEnd(11, 5);
        assertTrue(sw.isPresent());
        assertEquals(12, sw.get().epoch());
        assertEquals(11, sw.get().decidedAfterEpoch());
        assertEquals(0, sw.get().fromLevel());
        assertEquals(PrecisionLadder.muppet().precision(1), sw.get().to());
        assertEquals(1, p.currentLevel());
        assertEquals(0, p.levelAtEpoch(11));
        assertEquals(1, p.levelAtEpoch(12));
        assertTrue(checks.get(1).ratio() > checks.get(1).threshold());
        assertTrue(p.checks().get(3).switched());
        assertEquals(
                "bfp(12)/stochastic",
                p.currentPolicy()
                        .resolve(new SiteDescriptor("c", "Conv2d"), TensorRole.ERROR)
                        .toString());
        assertEquals(p.currentPolicy(), p.policyAt(0, 0, java.util.Map.of()));
    }

    @Test
    void switchResetsCountAndMaxD() {
        MuppetSwitchingPolicy p = fastPolicy(PrecisionLadder.ofBfp(8, 12));
        p.onEpochEnd(0, 100);
        p.onEpochEnd(1, 1); // p = 100 > 2: violation 1
        assertEquals(1, p.onEpochEnd(2, 1).get().toLevel()); // violation 2: switch
        // maxD was reset: 50 sets a new maximum instead of being compared with 100.
        p.onEpochEnd(3, 50);
        DiversityCheck first = p.checks().get(3);
        assertEquals(0.0, first.maxDiversityBefore());
        assertFalse(first.violation());
        assertEquals(0, first.violations());
        p.onEpochEnd(4, 10); // violation 1 at the new level, not 3
        assertEquals(1, p.checks().get(4).violations());
        assertEquals(1, p.currentLevel());
    }

    @Test
    void ratioMustExceedTheThresholdStrictly() {
        MuppetSwitchingPolicy p = fastPolicy(PrecisionLadder.ofBfp(8));
        p.onEpochEnd(0, 4);
        p.onEpochEnd(1, 2); // p = 2 = T: not a violation
        assertFalse(p.checks().get(1).violation());
        p.onEpochEnd(2, 1.9); // p = 4 / 1.9 > 2
        assertTrue(p.checks().get(2).violation());
        p.onEpochEnd(3, 4); // D == maxD: new maximum, no violation
        assertFalse(p.checks().get(3).violation());
        assertEquals(4.0, p.state().maxDiversity());
    }

    @Test
    void noCheckRunsInFp32() {
        MuppetSwitchingPolicy p =
                MuppetSwitchingPolicy.builder()
                        .optLadder(PrecisionLadder.ofBfp(8))
                        .optResolution(1)
                        .optPatience(1)
                        .build();
        p.onEpochEnd(0, 10);
        assertFalse(p.isFullPrecision());
        SwitchEvent sw = p.onEpochEnd(1, 1).orElseThrow();
        assertEquals(Precision.FP32, sw.to());
        assertEquals(2, sw.epoch());
        assertTrue(p.isFullPrecision());
        assertTrue(p.isTerminal());
        int checks = p.checks().size();
        for (int e = 2; e < 10; e++) {
            assertEquals(Optional.empty(), p.onEpochEnd(e, e % 2 == 0 ? 1000 : 1e-6));
        }
        assertEquals(checks, p.checks().size());
        assertEquals(1, p.switches().size());
    }

    @Test
    void fp32InTheMiddleOfALadderIsTerminal() {
        PrecisionLadder ladder =
                PrecisionLadder.builder()
                        .setLevels(
                                Precision.parse("bfp(8)/stochastic"),
                                Precision.FP32,
                                Precision.parse("bfp(16)/stochastic"))
                        .build();
        MuppetSwitchingPolicy p = fastPolicy(ladder);
        p.onEpochEnd(0, 10);
        p.onEpochEnd(1, 1);
        p.onEpochEnd(2, 1);
        assertEquals(1, p.currentLevel());
        assertTrue(p.isTerminal());
        p.onEpochEnd(3, 1e-3);
        p.onEpochEnd(4, 1e-3);
        assertEquals(3, p.checks().size());
        assertEquals(1, p.currentLevel());
    }

    @Test
    void nanDiversitySkipsTheCheck() {
        MuppetSwitchingPolicy p = fastPolicy(PrecisionLadder.ofBfp(8));
        p.onEpochEnd(0, 10);
        p.onEpochEnd(1, Double.NaN);
        DiversityCheck skipped = p.checks().get(1);
        assertTrue(Double.isNaN(skipped.diversity()));
        assertFalse(skipped.violation());
        assertEquals(0, skipped.violations());
        assertEquals(10.0, p.state().maxDiversity());
    }

    @Test
    void usesTheAccumulatedGradientsAndResetsThemAtChecks() {
        MuppetSwitchingPolicy p = MuppetSwitchingPolicy.builder().optResolution(2).build();
        GradientDiversity d = p.gradientDiversity();
        d.accumulate("w", new float[] {1, 0});
        p.onEpochEnd(0); // not a check epoch: sums kept
        assertEquals(1, d.samples("w"));
        d.accumulate("w", new float[] {0, 1});
        p.onEpochEnd(1);
        assertEquals(1.0, p.checks().get(0).diversity());
        assertEquals(0, d.tensorCount());
    }

    @Test
    void epochsMustIncreaseAndDiversityMustBeNonNegative() {
        MuppetSwitchingPolicy p = MuppetSwitchingPolicy.builder().build();
        p.onEpochEnd(0, 1);
        assertThrows(IllegalArgumentException.class, () -> p.onEpochEnd(0, 1));
        assertThrows(IllegalArgumentException.class, () -> p.onEpochEnd(1, -1));
        p.onEpochEnd(3, 1); // gaps are allowed
        assertEquals(3, p.state().lastEpoch());
    }

    @Test
    void invalidHyperparametersNameTheField() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MuppetSwitchingPolicy.builder().optResolution(0).build());
        assertTrue(e.getMessage().startsWith("resolution"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MuppetSwitchingPolicy.builder().optPatience(0).build());
        assertTrue(e.getMessage().startsWith("patience"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                MuppetSwitchingPolicy.builder()
                                        .optThreshold(1, Double.NaN, 0.1)
                                        .build());
        assertTrue(e.getMessage().startsWith("thresholdScale"), e.getMessage());
    }

    @Test
    void climbsTheWholeLadder() {
        MuppetSwitchingPolicy p = fastPolicy(PrecisionLadder.muppet());
        int e = 0;
        while (!p.isFullPrecision() && e < 100) {
            p.onEpochEnd(e, e % 3 == 0 ? 100 : 1);
            e++;
        }
        assertEquals(4, p.switches().size());
        assertEquals(List.of(3, 6, 9, 12), p.switches().stream().map(SwitchEvent::epoch).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, p.switches().get(i).fromLevel());
        }
        assertArrayEquals(new int[] {3, 3, 3, 3, 3}, p.epochsPerLevel(15));
        assertArrayEquals(new int[] {3, 1, 0, 0, 0}, p.epochsPerLevel(4));
    }

    /** r = 1, patience 2, constant T = 2. */
    static MuppetSwitchingPolicy fastPolicy(PrecisionLadder ladder) {
        return MuppetSwitchingPolicy.builder()
                .optLadder(ladder)
                .optResolution(1)
                .optThreshold(2, 0, 0)
                .build();
    }
}
