/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.ArrayList;
import java.util.List;

/** A hand-built two-run race: FP32 and a MuPPET run with one switch, NaNs where unmeasured. */
final class ReportFixtures {

    static final String BFP8 = "bfp(8)/stochastic";
    static final String BFP12 = "bfp(12)/stochastic";

    /** MuPPET's diversity at check epochs 2, 5, 8, 11 (resolution 3). */
    static final double[] D = {1.2, 0.4, 0.3, 0.5};

    private ReportFixtures() {}

    static double threshold(int e) {
        return 1 + 1.5 * Math.exp(-0.1 * e);
    }

    /** 12 epochs in FP32; epoch 3's loss was not measured. */
    static RunRecord fp32() {
        List<EpochRecord> es = new ArrayList<>();
        for (int e = 0; e < 12; e++) {
            double loss = e == 3 ? Double.NaN : 1.0 / (e + 1);
            es.add(EpochRecord.of(e, "fp32", loss, 0.70 + 0.015 * e, 10.0 + e, Double.NaN));
        }
        return new RunRecord("fp32", 0.865, 140.5, 1.0, es, List.of());
    }

    /**
     * 12 epochs of MuPPET. Checks: e2 D = 1.2 (first, p undefined); e5 D = 0.4, p = 3 > T(5) =
     * 1.91, violation 1; e8 D = 0.3, p = 4 > T(8) = 1.67, violation 2 = patience, so BFP12 from
     * epoch 9; e11 D = 0.5, first check of the new level.
     */
    static RunRecord muppet() {
        List<EpochRecord> es = new ArrayList<>();
        for (int e = 0; e < 12; e++) {
            boolean check = (e + 1) % 3 == 0;
            es.add(
                    new EpochRecord(
                            e,
                            e < 9 ? BFP8 : BFP12,
                            1.2 / (e + 1),
                            0.68 + 0.016 * e,
                            12.5,
                            65536.0 / (1 << (e % 4)),
                            check ? D[(e + 1) / 3 - 1] : Double.NaN,
                            check ? threshold(e) : Double.NaN));
        }
        return new RunRecord(
                "muppet", 0.8560, 150.25, 7.5, es, List.of(new SwitchRecord(9, BFP8, BFP12)));
    }

    static List<RunRecord> race() {
        return List.of(fp32(), muppet());
    }
}
