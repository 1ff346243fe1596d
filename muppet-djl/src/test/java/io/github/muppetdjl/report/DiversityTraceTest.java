/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
    void runWithoutChecksHasAnEmptyTrace() {
        assertEquals(0, DiversityTrace.of(ReportFixtures.fp32()).size());
    }
}
