/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;

import io.github.muppetdjl.checkpoint.CheckpointInfo;
import io.github.muppetdjl.checkpoint.Checkpoints;
import io.github.muppetdjl.cpt.CptConfig;
import io.github.muppetdjl.cpt.CptController;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * CPT (docs/algorithms.md §6.5) trains through the library's one training controller, changing the
 * sites' precision between steps, and a run saved in the middle of its precision range test resumes
 * bit for bit, range test, cycles and cost included.
 */
class CptCheckpointIT {

    private static final long SEED = 13;
    private static final int EPOCHS = 4;

    private static Dataset train;

    @BeforeAll
    static void data() throws Exception {
        train = SubsetData.load(Dataset.Usage.TRAIN, MuppetRuns.BATCH, true, MuppetRuns.LIMIT);
    }

    private static QuantizedTraining controller() {
        long steps = MuppetRuns.LIMIT / MuppetRuns.BATCH * EPOCHS;
        CptConfig config =
                CptConfig.builder()
                        .optRangeTest(2, 2, 0.0)
                        .optCycles(2)
                        .optTotalIterations(steps)
                        .build();
        return QuantizedTraining.builder()
                .setRecipe(Recipes.cpt(config))
                .optSeed(SEED)
                .optRecordMetrics(false)
                .build();
    }

    private static CptController cpt(QuantizedTraining qt) {
        return (CptController) qt.getController();
    }

    @Test
    void aRunSavedDuringTheRangeTestResumesBitForBit(@TempDir Path dir) throws Exception {
        List<float[]> uninterrupted;
        CheckpointInfo info;
        QuantizedTraining qt = controller();
        try (Model model = MuppetRuns.model(SEED);
                Trainer trainer = MuppetRuns.trainer(model, qt, 0, List.of(), List.of())) {
            MuppetRuns.epoch(trainer, train, SEED, 0);
            // Three steps: two at 2 bits, one of the 3-bit window.
            assertEquals(0, cpt(qt).minBits());
            info = Checkpoints.save(dir, model, qt);
            for (int e = 1; e < EPOCHS; e++) {
                MuppetRuns.epoch(trainer, train, SEED, e);
            }
            uninterrupted = MuppetRuns.parameters(model);
        }
        assertTrue(cpt(qt).minBits() >= 3, "the range test ended: " + cpt(qt).minBits());
        assertTrue(cpt(qt).bitChanges().size() >= 3, cpt(qt).bitChanges().toString());

        QuantizedTraining resumed = controller();
        try (Model model = MuppetRuns.model(SEED + 500);
                Trainer trainer =
                        MuppetRuns.trainer(
                                model, resumed, (int) info.step(), List.of(), List.of())) {
            Checkpoints.load(dir, model, resumed);
            for (int e = 1; e < EPOCHS; e++) {
                MuppetRuns.epoch(trainer, train, SEED, e);
            }
            assertTrue(
                    MuppetRuns.bitEqual(uninterrupted, MuppetRuns.parameters(model)),
                    "resumed run equals the uninterrupted one bit for bit");
        }
        assertEquals(cpt(qt).cost(), cpt(resumed).cost());
        assertEquals(cpt(qt).bitChanges(), cpt(resumed).bitChanges());
        assertEquals(cpt(qt).minBits(), cpt(resumed).minBits());
    }
}
