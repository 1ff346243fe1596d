/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;

import org.junit.jupiter.api.Test;

import java.util.Map;

class CyclicPrecisionScheduleTest {

    /** (3, 8) with N = 32 cycles over 64000 iterations: T = 2000. */
    private static CyclicPrecisionSchedule cpt() {
        return CyclicPrecisionSchedule.builder()
                .setBitRange(3, 8)
                .setTotalIterations(64000)
                .build();
    }

    @Test
    void workedValuesFromTheSpec() {
        CyclicPrecisionSchedule s = cpt();
        assertEquals(2000, s.period());
        assertEquals(3, s.bitsAt(0));
        assertEquals(4, s.bitsAt(500));
        assertEquals(6, s.bitsAt(1000));
        assertEquals(8, s.bitsAt(1999));
        assertEquals(3, s.bitsAt(2000));
        assertEquals(6, s.bitsAt(3000));
        assertEquals(3, s.bitsAt(64000)); // beyond the run it keeps cycling
    }

    @Test
    void midpointTieRoundsHalfToEven() {
        // Both midpoints are computed as exact ties: (2, 5) gives 3.5 -> 4 and (3, 6) gives 4.5 ->
        // 4
        // (half-even; Math.round would give 5).
        CyclicPrecisionSchedule a =
                CyclicPrecisionSchedule.builder()
                        .setBitRange(2, 5)
                        .setTotalIterations(40)
                        .optCycles(10)
                        .build();
        CyclicPrecisionSchedule b =
                CyclicPrecisionSchedule.builder()
                        .setBitRange(3, 6)
                        .setTotalIterations(40)
                        .optCycles(10)
                        .build();
        assertEquals(4, a.period());
        assertEquals(4, a.bitsAt(2));
        assertEquals(4, b.bitsAt(2));
    }

    @Test
    void bitsStayInRangeAndRiseWithinEachCycle() {
        CyclicPrecisionSchedule s =
                CyclicPrecisionSchedule.builder()
                        .setBitRange(2, 8)
                        .setTotalIterations(1000)
                        .optCycles(4)
                        .build();
        assertEquals(250, s.period());
        int previous = 0;
        for (long t = 0; t < 1000; t++) {
            int b = s.bitsAt(t);
            assertTrue(b >= 2 && b <= 8);
            if (t % 250 != 0) {
                assertTrue(b >= previous, "t=" + t);
            }
            previous = b;
        }
    }

    @Test
    void relativeCostAgainstTheStaticBaseline() {
        assertEquals((9 + 48) / 3.0, CyclicPrecisionSchedule.iterationCost(3, 8), 1e-12);
        assertEquals(64.0, CyclicPrecisionSchedule.iterationCost(8, 8), 1e-12);
        CyclicPrecisionSchedule s = cpt();
        assertEquals(57.0 / 192, s.relativeCost(0), 1e-12);
        assertEquals(1.0, s.relativeCost(1999), 1e-12);
        double avg = s.averageRelativeCost();
        double expected = 0;
        for (int t = 0; t < 2000; t++) {
            int b = s.bitsAt(t);
            expected += (b * b + 16.0 * b) / 192;
        }
        assertEquals(expected / 2000, avg, 1e-12);
        assertTrue(avg > 57.0 / 192 && avg < 1);
    }

    @Test
    void onePeriodSavesThePapersPercentages() {
        // CPT (Fu et al., ICLR 2021) reports 36.67% fewer bit-operations for (3, 8) with 8
        // backward bits against static 8/8, and 30.05% for (3, 6) with 6 against static 6/6.
        CyclicPrecisionSchedule wide =
                CyclicPrecisionSchedule.builder()
                        .setBitRange(3, 8)
                        .setTotalIterations(2000)
                        .optCycles(1)
                        .build();
        CyclicPrecisionSchedule narrow =
                CyclicPrecisionSchedule.builder()
                        .setBitRange(3, 6)
                        .setTotalIterations(2000)
                        .optCycles(1)
                        .optBackwardBits(6)
                        .build();
        assertEquals(2000, wide.period());
        assertEquals(0.3667, 1 - wide.averageRelativeCost(), 5e-5);
        assertEquals(0.3005, 1 - narrow.averageRelativeCost(), 5e-5);
    }

    @Test
    void changePointsOfTheWorkedPeriod() {
        // (3, 8), T = 2000: b(t) steps up at the iterations where the cosine crosses each
        // half-integer; the widths 3..8 occupy runs whose lengths follow from acos.
        CyclicPrecisionSchedule s = cpt();
        int[] firstAt = new int[9];
        java.util.Arrays.fill(firstAt, -1);
        for (int t = 0; t < 2000; t++) {
            int b = s.bitsAt(t);
            if (firstAt[b] < 0) {
                firstAt[b] = t;
            }
        }
        for (int b = 4; b <= 8; b++) {
            // rint(3 + 2.5 (1 - cos(pi t / T))) reaches b once the argument passes b - 0.5.
            double x = (b - 0.5 - 3) / 2.5;
            int expected = (int) Math.ceil(Math.acos(1 - x) / Math.PI * 2000);
            assertEquals(expected, firstAt[b], "first iteration at " + b + " bits");
        }
        assertEquals(0, firstAt[3]);
    }

    @Test
    void asScheduleMapsStepsToPoliciesPerBitWidth() {
        PrecisionSchedule sched = cpt().asSchedule(Presets::bfp);
        PrecisionPolicy at0 = sched.policyAt(0, 0, Map.of());
        assertEquals(Presets.bfp(3), at0);
        assertSame(at0, sched.policyAt(2000, 1, Map.of()));
        assertEquals(Presets.bfp(6), sched.policyAt(1000, 0, Map.of()));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        CyclicPrecisionSchedule.builder()
                                .setBitRange(8, 3)
                                .setTotalIterations(64)
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        CyclicPrecisionSchedule.builder()
                                .setBitRange(3, 8)
                                .setTotalIterations(31)
                                .build());
        assertThrows(IllegalArgumentException.class, () -> cpt().bitsAt(-1));
    }
}
