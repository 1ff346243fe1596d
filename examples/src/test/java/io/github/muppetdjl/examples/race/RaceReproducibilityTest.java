/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.RunRecord;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The same seed replays a race exactly; another seed does not. */
class RaceReproducibilityTest {

    private static List<RunRecord> race(RaceData data, long seed) throws Exception {
        RaceConfig config =
                new RaceConfig(
                        List.of("fp32", "bfp8"),
                        1,
                        seed,
                        64,
                        192,
                        3,
                        2,
                        ThroughputTable.h100Sxm(),
                        Baseline.TF32,
                        2);
        return SmallCnnRace.run(config, data, null).runs();
    }

    @Test
    void sameSeedSameLossesAndAccuracies() throws Exception {
        RaceData data = RaceData.load(RaceData.Choice.SUBSET, 64, 192);
        List<RunRecord> a = race(data, 7);
        List<RunRecord> b = race(data, 7);
        List<RunRecord> c = race(data, 8);
        for (int i = 0; i < a.size(); i++) {
            EpochRecord x = a.get(i).epochs().get(0);
            EpochRecord y = b.get(i).epochs().get(0);
            String policy = a.get(i).policy();
            assertEquals(x.trainLoss(), y.trainLoss(), 0.0, policy);
            assertEquals(x.testAccuracy(), y.testAccuracy(), 0.0, policy);
            assertNotEquals(
                    x.trainLoss(), c.get(i).epochs().get(0).trainLoss(), "seed matters: " + policy);
        }
        // The policies differ: BFP-8 rounding changes the loss of the same batches.
        assertNotEquals(a.get(0).epochs().get(0).trainLoss(), a.get(1).epochs().get(0).trainLoss());
    }
}
