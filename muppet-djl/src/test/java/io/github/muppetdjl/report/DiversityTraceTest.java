/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class DiversityTraceTest {

    @Test
    void ratioUsesMaxSinceTheLastSwitch() {
        DiversityTrace t = DiversityTrace.of(ReportFixtures.muppet());
        assertArrayEquals(new double[] {2, 5, 8, 11}, t.epochs());
        assertArrayEquals(ReportFixtures.D, t.diversity());
        // maxD: 0 (undefined), 1.2 -> 3.0, 1.2 -> 4.0, reset by the switch at epoch 9.
        assertArrayEquals(new double[] {Double.NaN, 3.0, 4.0, Double.NaN}, t.ratio(), 1e-12);
        assertEquals(ReportFixtures.threshold(5), t.threshold()[1]);
        // Both middle checks are violations, as the fixture's switch says.
        assertEquals(true, t.ratio()[1] > t.threshold()[1] && t.ratio()[2] > t.threshold()[2]);
    }

    @Test
    void aRisingDiversityIsANewMaximumNotARatio() {
        // Checks at epochs 2 and 5 with D = 0.7 then 1.1 (as in a real race): section 5.1 sets
        // maxD = 1.1 at epoch 5 and forms no ratio there.
        List<EpochRecord> es = new ArrayList<>();
        double[] d = {Double.NaN, Double.NaN, 0.7, Double.NaN, Double.NaN, 1.1};
        for (int e = 0; e < d.length; e++) {
            es.add(
                    new EpochRecord(
                            e,
                            "bfp(8)/stochastic",
                            1.0,
                            0.8,
                            1.0,
                            1.0,
                            d[e],
                            Double.isNaN(d[e]) ? Double.NaN : ReportFixtures.threshold(e)));
        }
        DiversityTrace t = DiversityTrace.of(new RunRecord("muppet", 0.8, 6.0, 1.0, es, List.of()));
        assertArrayEquals(new double[] {2, 5}, t.epochs());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, t.ratio(), 0.0);
    }

    @Test
    void runWithoutChecksHasAnEmptyTrace() {
        assertEquals(0, DiversityTrace.of(ReportFixtures.fp32()).size());
    }
}
