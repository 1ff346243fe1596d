/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;

import io.github.muppetdjl.checkpoint.CheckpointException;
import io.github.muppetdjl.checkpoint.CheckpointInfo;
import io.github.muppetdjl.checkpoint.Checkpoints;
import io.github.muppetdjl.muppet.MuppetTraining;
import io.github.muppetdjl.quant.schedule.MuppetState;
import io.github.muppetdjl.quant.schedule.TensorSums;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint and resume (issue 4 §3) with the real engine: an uninterrupted MuPPET run saves a
 * checkpoint after every epoch; a run resumed from the checkpoint taken one epoch after the first
 * switch, into a new model (initialised differently), a new controller and a new optimizer,
 * continues at the saved level and ends bit for bit where the uninterrupted run ended, with the
 * same MuPPET state. Corrupt, wrong-version and mismatched checkpoints fail clearly and change
 * nothing.
 */
class MuppetCheckpointIT {

    private static final long SEED = 7;
    private static final int EPOCHS = 8;

    @TempDir static Path dir;

    private static Dataset train;
    private static List<float[]> finalParameters;
    private static MuppetState finalState;
    private static int firstSwitch = -1;

    @BeforeAll
    static void uninterrupted() throws Exception {
        train = SubsetData.load(Dataset.Usage.TRAIN, MuppetRuns.BATCH, true, MuppetRuns.LIMIT);
        MuppetTraining mt = MuppetRuns.controller(SEED);
        try (Model model = MuppetRuns.model(SEED);
                Trainer trainer = MuppetRuns.trainer(model, mt, 0, List.of(), List.of())) {
            for (int e = 0; e < EPOCHS; e++) {
                MuppetRuns.epoch(trainer, train, SEED, e);
                Checkpoints.save(dir.resolve("epoch" + (e + 1)), model, mt, e + 1);
            }
            finalParameters = MuppetRuns.parameters(model);
            finalState = mt.switching().state();
            if (!mt.switching().switches().isEmpty()) {
                firstSwitch = mt.switching().switches().get(0).epoch();
            }
            System.out.printf(
                    "MuPPET checkpoint run: switches %s, checks %s%n",
                    mt.switching().switches(), mt.switching().checks());
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
        assertTrue(firstSwitch > 0 && firstSwitch + 1 < EPOCHS, "a switch to resume across");
        int k = firstSwitch + 1; // one epoch into the new level: non-empty diversity sums
        Path checkpoint = dir.resolve("epoch" + k);
        CheckpointInfo info = Checkpoints.peek(checkpoint);
        assertEquals(k, info.epoch());
        assertEquals(1, info.level());
        MuppetTraining mt = MuppetRuns.controller(SEED);
        try (Model model = MuppetRuns.model(SEED + 1000);
                Trainer trainer =
                        MuppetRuns.trainer(model, mt, (int) info.step(), List.of(), List.of())) {
            Checkpoints.load(checkpoint, model, mt);
            assertEquals(1, mt.switching().currentLevel(), "resumes at the saved level");
            assertEquals(mt.switching().ladder().precision(1), mt.currentPrecision());
            assertEquals(info.step(), mt.training().getContext().step());
            assertEquals(k, mt.epochsCompleted());
            assertTrue(
                    mt.switching().gradientDiversity().tensorCount() > 0, "running sums restored");
            for (int e = k; e < EPOCHS; e++) {
                MuppetRuns.epoch(trainer, train, SEED, e);
            }
            assertTrue(
                    MuppetRuns.bitEqual(finalParameters, MuppetRuns.parameters(model)),
                    "resumed parameters equal the uninterrupted run's bit for bit");
            assertStateEquals(finalState, mt.switching().state());
        }
    }

    @Test
    void corruptCheckpointFailsClearlyAndChangesNothing() throws Exception {
        Path copy = copyOf(dir.resolve("epoch2"), "corrupt");
        Path file = copy.resolve(Checkpoints.STATE_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        String message = loadFails(copy);
        assertTrue(message.contains("corrupt") && message.contains("CRC"), message);

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        message = loadFails(copy);
        assertTrue(message.contains("corrupt"), message);
    }

    @Test
    void wrongVersionFailsClearlyAndChangesNothing() throws Exception {
        Path copy = copyOf(dir.resolve("epoch2"), "version");
        Path file = copy.resolve(Checkpoints.STATE_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] = 2;
        Files.write(file, bytes);
        String message = loadFails(copy);
        assertTrue(message.contains("version 2 is not supported"), message);

        bytes[0] = 'X';
        Files.write(file, bytes);
        message = loadFails(copy);
        assertTrue(message.contains("not a muppet-djl checkpoint"), message);
    }

    @Test
    void checkpointOfAnotherSeedIsRefused() throws Exception {
        MuppetTraining other =
                MuppetTraining.builder()
                        .optSwitching(MuppetRuns.forcedPolicy())
                        .optSeed(SEED + 1)
                        .build();
        try (Model model = MuppetRuns.model(SEED + 2000);
                Trainer trainer = MuppetRuns.trainer(model, other, 0, List.of(), List.of())) {
            List<float[]> before = MuppetRuns.parameters(model);
            CheckpointException e =
                    assertThrows(
                            CheckpointException.class,
                            () -> Checkpoints.load(dir.resolve("epoch2"), model, other));
            assertTrue(e.getMessage().contains("seed"), e.getMessage());
            assertTrue(MuppetRuns.bitEqual(before, MuppetRuns.parameters(model)));
        }
    }

    /** Loads into a fresh model and controller, expects failure, checks nothing changed. */
    private static String loadFails(Path checkpoint) throws Exception {
        MuppetTraining mt = MuppetRuns.controller(SEED);
        try (Model model = MuppetRuns.model(SEED + 3000);
                Trainer trainer = MuppetRuns.trainer(model, mt, 0, List.of(), List.of())) {
            List<float[]> before = MuppetRuns.parameters(model);
            MuppetState stateBefore = mt.switching().state();
            CheckpointException e =
                    assertThrows(
                            CheckpointException.class,
                            () -> Checkpoints.load(checkpoint, model, mt));
            assertTrue(e.getMessage().contains(checkpoint.toString()), "names the file");
            assertTrue(
                    MuppetRuns.bitEqual(before, MuppetRuns.parameters(model)),
                    "parameters untouched");
            assertStateEquals(stateBefore, mt.switching().state());
            assertEquals(0, mt.training().getContext().step());
            assertEquals(0, mt.epochsCompleted());
            assertEquals(1f, mt.training().getLossScaler().scale());
            return e.getMessage();
        }
    }

    private static Path copyOf(Path source, String name) throws Exception {
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        try (var stream = Files.list(source)) {
            stream.forEach(files::add);
        }
        for (Path f : files) {
            Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void assertStateEquals(MuppetState expected, MuppetState actual) {
        assertEquals(expected.level(), actual.level(), "level");
        assertEquals(expected.violations(), actual.violations(), "violations");
        assertEquals(expected.maxDiversity(), actual.maxDiversity(), 0.0, "maxD");
        assertEquals(expected.lastEpoch(), actual.lastEpoch(), "last epoch");
        assertEquals(expected.checks(), actual.checks(), "checks");
        assertEquals(expected.switches(), actual.switches(), "switches");
        assertEquals(expected.sums().size(), actual.sums().size(), "sums");
        for (int i = 0; i < expected.sums().size(); i++) {
            TensorSums a = expected.sums().get(i);
            TensorSums b = actual.sums().get(i);
            assertEquals(a.tensor(), b.tensor());
            assertEquals(a.samples(), b.samples());
            assertEquals(a.s1(), b.s1(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.s2(), b.s2(), 0.0);
        }
    }
}
