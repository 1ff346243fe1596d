/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.report.IntegerOverflowStat;
import io.github.muppetdjl.report.RunRecord;
import io.github.muppetdjl.report.RunStatus;

import org.junit.jupiter.api.Test;

import java.util.List;

class RaceTest {

    @Test
    void everyRecipeNameRacesToACompletedRow() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            RaceResult result = TinyRace.builder(m).setRecipeNames(Recipes.NAMES).build().run();
            assertEquals(Recipes.NAMES, result.runs().stream().map(RunRecord::policy).toList());
            for (RunRecord r : result.runs()) {
                assertEquals(RunStatus.COMPLETED, r.details().status(), r.policy());
                assertEquals(4, r.details().timedSteps(), r.policy()); // 64 samples / 16
                assertTrue(r.details().medianStepMs() > 0, r.policy());
                assertFalse(r.details().precisionTrace().isEmpty(), r.policy());
                assertTrue(r.details().totalMemoryBytes() > 0, r.policy());
                assertTrue(r.projectedSpeedup() > 0, r.policy());
            }
            RunRecord fp32 = result.runs().get(0);
            assertEquals(1.0, fp32.projectedSpeedup(), 1e-12, "fp32 against its own baseline");
            assertEquals(32.0, fp32.details().precisionTrace().get(0).bits());
            RunRecord bfp8 = result.runs().get(Recipes.NAMES.indexOf("bfp8"));
            assertEquals(8.0, bfp8.details().precisionTrace().get(0).bits());
            assertFalse(bfp8.details().siteStats().isEmpty(), "bfp8 quantised its sites");
            assertTrue(bfp8.details().integerOverflows().isEmpty(), "bfp8 has no integer layers");
            RunRecord dfp16 = result.runs().get(Recipes.NAMES.indexOf("dfp16"));
            List<IntegerOverflowStat> integer = dfp16.details().integerOverflows();
            assertFalse(integer.isEmpty(), "dfp16 reports its INT32 accumulation");
            assertTrue(
                    integer.stream().anyMatch(s -> s.product().equals("forward") && s.sums() > 0),
                    integer.toString());
            assertTrue(
                    integer.stream()
                            .anyMatch(s -> s.product().equals("backward_weights") && s.sums() > 0),
                    integer.toString());
            assertTrue(integer.stream().allMatch(s -> s.chunks() >= s.sums()), integer.toString());
        }
    }

    @Test
    void aDivergingRecipeEndsItsRowAndTheRaceGoesOn() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            RaceResult result =
                    TinyRace.builder(m)
                            .setRecipeNames(List.of("fp32", "bfp8"))
                            .setOptimizer(TinyRace::exploding)
                            .setEpochs(3)
                            .build()
                            .run();
            assertEquals(2, result.runs().size());
            for (RunRecord r : result.runs()) {
                assertEquals(RunStatus.DIVERGED, r.details().status(), r.policy());
                assertTrue(r.details().message().contains("non-finite"), r.details().message());
                assertTrue(Double.isNaN(r.testAccuracy()));
                assertTrue(r.epochs().size() < 3, "stopped early: " + r.epochs());
            }
        }
    }

    @Test
    void orderOfRecipesDoesNotChangeTheirNumbers() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            List<RunRecord> ab =
                    TinyRace.builder(m)
                            .setRecipeNames(List.of("fp32", "bfp8"))
                            .build()
                            .run()
                            .runs();
            List<RunRecord> ba =
                    TinyRace.builder(m)
                            .setRecipeNames(List.of("bfp8", "fp32"))
                            .build()
                            .run()
                            .runs();
            assertEquals(withoutSeconds(ab.get(0)), withoutSeconds(ba.get(1)), "fp32");
            assertEquals(withoutSeconds(ab.get(1)), withoutSeconds(ba.get(0)), "bfp8");
        }
    }

    /** The epochs of a run without their (measured, so varying) seconds. */
    private static List<?> withoutSeconds(RunRecord r) {
        return r.epochs().stream()
                .map(e -> List.of(e.epoch(), e.precision(), e.trainLoss(), e.testAccuracy()))
                .toList();
    }

    @Test
    void defaultBaselineIsTf32OnH100AndFp32OnTuring() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            RaceResult h100 = TinyRace.builder(m).setRecipeNames(List.of("fp32")).build().run();
            assertEquals(Baseline.TF32, h100.baseline());
            RaceResult t4 =
                    TinyRace.builder(m)
                            .setRecipeNames(List.of("fp32"))
                            .optTarget(ThroughputTable.turingT4())
                            .optWarmupSteps(0)
                            .build()
                            .run();
            assertEquals(Baseline.FP32, t4.baseline());
            assertTrue(t4.projectionNote().contains("ESTIMATE"), t4.projectionNote());
        }
    }

    @Test
    void buildNamesTheMissingSetting() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TinyRace.builder(m).build());
            assertEquals("setRecipes: at least one recipe is required", e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    TinyRace.builder(m)
                                            .setRecipeNames(List.of("fp32", "fp32"))
                                            .build());
            assertEquals(
                    "setRecipes: recipe names must not repeat, got 'fp32' twice", e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    TinyRace.builder(m)
                                            .setRecipeNames(List.of("fp32"))
                                            .setEpochs(0)
                                            .build());
            assertEquals("setEpochs: at least 1, got 0", e.getMessage());
        }
    }
}
