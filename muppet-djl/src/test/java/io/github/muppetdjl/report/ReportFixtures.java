/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** 79 steps per epoch, as the shipped subset at batch 128. */
    static final int STEPS_PER_EPOCH = 79;

    /**
     * The same race with race details: FP32 at 64.0 ms/step and 12.0 MB; MuPPET at 80.5 ms/step,
     * 4.5 MB, 8 bits until the switch at step 9 x 79 = 711, then 12; and a third run, {@code fp8},
     * that diverged in its first epoch.
     */
    static List<RunRecord> raceWithDetails() {
        RunRecord f = fp32();
        RunRecord m = muppet();
        long steps = 12L * STEPS_PER_EPOCH;
        RunRecord fd =
                withDetails(
                        f,
                        new RunDetails(
                                RunStatus.COMPLETED,
                                "",
                                64.0,
                                steps,
                                20,
                                1.0,
                                "TF32 tensor cores",
                                Map.of("weights", 12e6),
                                List.of(new PrecisionSegment(0, 32)),
                                List.of()));
        RunRecord md =
                withDetails(
                        m,
                        new RunDetails(
                                RunStatus.COMPLETED,
                                "",
                                80.5,
                                steps,
                                20,
                                1 / 7.5,
                                "TF32 tensor cores",
                                Map.of("weights", 3e6, "activations", 1.5e6),
                                List.of(
                                        new PrecisionSegment(0, 8),
                                        new PrecisionSegment(9L * STEPS_PER_EPOCH, 12)),
                                List.of(new SiteStat("01Conv2d", "activation", 1000, 3, 20, 0))));
        RunRecord diverged =
                new RunRecord(
                        "fp8",
                        Double.NaN,
                        3.5,
                        Double.NaN,
                        List.of(EpochRecord.of(0, "fp8", Double.NaN, Double.NaN, 3.5, 1024)),
                        List.of(),
                        new RunDetails(
                                RunStatus.DIVERGED,
                                "training loss non-finite for 3 steps in a row at step 40",
                                70.25,
                                40,
                                20,
                                0.5,
                                "TF32 tensor cores",
                                Map.of("weights", 6e6),
                                List.of(new PrecisionSegment(0, 9.5)),
                                List.of()));
        return List.of(fd, md, diverged);
    }

    private static RunRecord withDetails(RunRecord r, RunDetails d) {
        return new RunRecord(
                r.policy(),
                r.testAccuracy(),
                r.wallSeconds(),
                r.projectedSpeedup(),
                r.epochs(),
                r.switches(),
                d);
    }
}
