/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.checkpoint.CheckpointInfo;
import io.github.muppetdjl.checkpoint.Checkpoints;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * Checkpoints of any {@link QuantizedTraining}, not only MuPPET: a plain quantised run (a fixed
 * recipe, no schedule) resumes bit for bit, loading after {@code newTrainer} keeps training from
 * the loaded weights, and DJL's own optimizers, whose state is private, are refused at save.
 */
class CheckpointsIT {

    private static final long SEED = 11;

    private static Dataset train;

    @BeforeAll
    static void data() throws Exception {
        train = SubsetData.load(Dataset.Usage.TRAIN, MuppetRuns.BATCH, true, MuppetRuns.LIMIT);
    }

    private static QuantizedTraining controller() {
        return QuantizedTraining.builder()
                .setRecipe(Recipes.bfp(8))
                .optSeed(SEED)
                .optRecordMetrics(false)
                .build();
    }

    @Test
    void aFixedRecipeRunResumesBitForBitAndKeepsTraining(@TempDir Path dir) throws Exception {
        List<float[]> uninterrupted;
        CheckpointInfo info;
        List<float[]> saved;
        QuantizedTraining qt = controller();
        try (Model model = MuppetRuns.model(SEED);
                Trainer trainer = MuppetRuns.trainer(model, qt, 0, List.of(), List.of())) {
            MuppetRuns.epoch(trainer, train, SEED, 0);
            info = Checkpoints.save(dir, model, qt);
            saved = MuppetRuns.parameters(model);
            MuppetRuns.epoch(trainer, train, SEED, 1);
            uninterrupted = MuppetRuns.parameters(model);
        }
        assertEquals(1, info.epoch());
        assertEquals(qt.getRecipe().toString(), info.recipe());

        QuantizedTraining resumed = controller();
        try (Model model = MuppetRuns.model(SEED + 500);
                Trainer trainer =
                        MuppetRuns.trainer(
                                model, resumed, (int) info.step(), List.of(), List.of())) {
            // Loaded after newTrainer and initialize, as a user resumes.
            Checkpoints.load(dir, model, resumed);
            assertTrue(MuppetRuns.bitEqual(saved, MuppetRuns.parameters(model)));
            assertEquals(1, resumed.epochsCompleted());
            assertEquals(info.step(), resumed.getContext().step());
            MuppetRuns.epoch(trainer, train, SEED, 1);
            List<float[]> after = MuppetRuns.parameters(model);
            assertFalse(MuppetRuns.bitEqual(saved, after), "training continued after the load");
            assertTrue(
                    MuppetRuns.bitEqual(uninterrupted, after),
                    "resumed run equals the uninterrupted one bit for bit");
        }
    }

    @Test
    void djlOwnOptimizerIsRefusedAtSave(@TempDir Path dir) throws Exception {
        QuantizedTraining qt = controller();
        try (Model model = MuppetRuns.model(SEED)) {
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(qt.wrapLoss(Loss.softmaxCrossEntropyLoss()))
                            .optOptimizer(qt.wrap(Optimizer.adam().build()))
                            .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(Harness.INPUT);
                MuppetRuns.epoch(trainer, train, SEED, 0);
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class,
                                () -> Checkpoints.save(dir, model, qt));
                assertTrue(e.getMessage().contains("QuantizedAdam"), e.getMessage());
            }
        }
    }
}
