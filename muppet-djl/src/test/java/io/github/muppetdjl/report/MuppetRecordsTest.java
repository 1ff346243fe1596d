/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class MuppetRecordsTest {

    @Test
    void policyHistoryBecomesRecordsThatRebuildTheSameTrace() {
        // The fixture's trace fed to the real controller: violations at epochs 5 and 8 switch
        // BFP8 -> BFP12 from epoch 9.
        MuppetSwitchingPolicy p = MuppetSwitchingPolicy.builder().build();
        List<EpochRecord> es = new ArrayList<>();
        for (int e = 0; e < 12; e++) {
            double d = (e + 1) % 3 == 0 ? ReportFixtures.D[(e + 1) / 3 - 1] : Double.NaN;
            p.onEpochEnd(e, d);
            es.add(MuppetRecords.epoch(p, e, 0.5, 0.8, 1, Double.NaN));
        }
        List<SwitchRecord> sw = MuppetRecords.switches(p);
        assertEquals(List.of(new SwitchRecord(9, ReportFixtures.BFP8, ReportFixtures.BFP12)), sw);
        assertEquals(ReportFixtures.BFP8, es.get(8).precision());
        assertEquals(ReportFixtures.BFP12, es.get(9).precision());
        assertFalse(es.get(3).hasCheck());
        assertEquals(ReportFixtures.D[1], es.get(5).diversity());
        assertEquals(ReportFixtures.threshold(5), es.get(5).threshold(), 1e-15);
        RunRecord run = new RunRecord("muppet", 0.8, 12, Double.NaN, es, sw);
        // The report's rebuilt ratios agree with the controller's own.
        DiversityTrace t = DiversityTrace.of(run);
        double[] own = p.checks().stream().mapToDouble(c -> c.ratio()).toArray();
        assertArrayEquals(own, t.ratio(), 1e-12);
    }
}
