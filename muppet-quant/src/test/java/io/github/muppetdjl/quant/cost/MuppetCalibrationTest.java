/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays the switching schedule the MuPPET authors recorded for CIFAR-10 ResNet-20 (switches at
 * epochs 29, 47, 59 and 71, then FP32 to epoch 115; Rajagopal et al., ICML 2020) through the cost
 * model on the Turing table, the GPU their 1.58x mean / 1.84x max speed-ups were measured on. The
 * figures it prints are the README's calibration table (docs/algorithms.md §8.4).
 */
class MuppetCalibrationTest {

    private static final int[] SWITCHES = {29, 47, 59, 71};
    private static final int EPOCHS = 115;
    private static final int[] LADDER = {8, 12, 14, 16};
    private static final long CIFAR_TRAIN = 50_000;

    static List<PrecisionPolicy> schedule() {
        List<PrecisionPolicy> out = new ArrayList<>();
        for (int e = 0; e < EPOCHS; e++) {
            int level = 0;
            while (level < SWITCHES.length && e >= SWITCHES[level]) {
                level++;
            }
            out.add(level < LADDER.length ? Presets.bfp(LADDER[level]) : PrecisionPolicy.fp32());
        }
        return out;
    }

    @Test
    void resNet20HasTheMacsOfItsHandCount() {
        assertEquals(40_551_040L, Network.cifarResNet20().macsPerSample());
        assertEquals(20, Network.cifarResNet20().layers().size());
    }

    @Test
    void scheduleHasTheRecordedEpochsPerLevel() {
        List<PrecisionPolicy> s = schedule();
        // 29 epochs at bfp(8), 18 at bfp(12), 12 at bfp(14), 12 at bfp(16), 44 in FP32.
        assertEquals(115, s.size());
        assertEquals(Presets.bfp(8).toString(), s.get(28).toString());
        assertEquals(Presets.bfp(12).toString(), s.get(29).toString());
        assertEquals(Presets.bfp(16).toString(), s.get(70).toString());
        assertEquals(PrecisionPolicy.fp32().toString(), s.get(71).toString());
    }

    @Test
    void turingProjectionIsAboveOneAndBelowTheFp32EpochsBound() {
        StringBuilder table = new StringBuilder("\nMuPPET calibration, ResNet-20 CIFAR-10 on T4\n");
        for (int batch : new int[] {128, 256}) {
            ThroughputTable t4 = ThroughputTable.turingT4();
            Baseline baseline = Baseline.defaultFor(t4);
            assertEquals(Baseline.FP32, baseline, "Turing has no TF32");
            CostModel model = baseline.costModel(Network.cifarResNet20(), t4, batch);
            double speedup =
                    SpeedupProjection.of(model, baseline.policy(), schedule(), CIFAR_TRAIN)
                            .speedup();
            // Even free low-precision epochs leave the 44 FP32 ones: 115 / 44 = 2.61 at most.
            assertTrue(speedup > 1 && speedup < 115.0 / 44, "speed-up " + speedup);
            // The figure docs/algorithms.md §8.4 and the README quote.
            assertEquals(batch == 128 ? 1.94 : 1.95, speedup, 0.005);
            table.append(
                    String.format(
                            Locale.ROOT,
                            "batch %d: projected %.2fx (compute-only %.2fx) vs paper 1.58x mean,"
                                    + " 1.84x max%n",
                            batch,
                            speedup,
                            computeOnly(model, schedule())));
        }
        System.out.print(table);
    }

    private static double computeOnly(CostModel model, List<PrecisionPolicy> schedule) {
        double base = model.epoch(PrecisionPolicy.fp32(), CIFAR_TRAIN).computeSeconds();
        double run = 0;
        for (PrecisionPolicy p : schedule) {
            run += model.epoch(p, CIFAR_TRAIN).computeSeconds();
        }
        return base * schedule.size() / run;
    }
}
