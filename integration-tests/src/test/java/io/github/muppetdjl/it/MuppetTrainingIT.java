/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Pair;

import io.github.muppetdjl.checkpoint.CheckpointException;
import io.github.muppetdjl.checkpoint.CheckpointInfo;
import io.github.muppetdjl.checkpoint.Checkpoints;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.schedule.MuppetState;
import io.github.muppetdjl.quant.schedule.PrecisionLadder;
import io.github.muppetdjl.quant.schedule.SwitchEvent;
import io.github.muppetdjl.quant.schedule.TensorSums;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wiring of {@link QuantizedTraining} with the MuPPET recipe in a real DJL loop, with the
 * forced configuration of {@link MuppetRuns#forcedPolicy()}. The test computes the gradient
 * diversity of the last batches itself (by hand, from gradients it reads after the error passes),
 * replays the §5.1 rule by hand, and checks that the controller switched at exactly those epochs,
 * that every batch of an epoch ran its sites at that epoch's level, that entering FP32 made the
 * parameters equal to the optimizer's master copies, and that no quantisation and no diversity
 * collection happened afterwards.
 */
class MuppetTrainingIT {

    private static final long SEED = 7;
    private static final int MAX_EPOCHS = 14;

    /** Hand replay of the rule and the observations, filled by the two listeners. */
    private static final List<Double> handDiversity = new ArrayList<>();

    private static final List<Integer> handSwitchEpochs = new ArrayList<>();
    private static final List<List<Precision>> sitePrecisionPerEpoch = new ArrayList<>();
    private static final List<Long> siteQuantizedPerEpoch = new ArrayList<>();
    private static final List<Long> optimizerQuantizedPerEpoch = new ArrayList<>();
    private static final Map<String, double[]> s2 = new LinkedHashMap<>();
    private static final Map<String, Double> s1 = new LinkedHashMap<>();
    private static List<float[]> beforeEpochEnd;
    private static List<float[]> mastersBeforeEpochEnd;
    private static int handLevel;
    private static double handMaxD;
    private static int fp32Entry = -1;
    private static boolean syncedToMasters;
    private static boolean changedBySync;

    @TempDir static Path dir;

    private static Dataset train;
    private static QuantizedTraining reference;
    private static int epochs;
    private static List<float[]> finalParameters;
    private static MuppetState finalState;

    /**
     * The uninterrupted reference run: until one epoch after entering FP32 (at most {@value
     * #MAX_EPOCHS} epochs), with a checkpoint after every epoch.
     */
    @BeforeAll
    static void uninterrupted() throws Exception {
        train = SubsetData.load(Dataset.Usage.TRAIN, MuppetRuns.BATCH, true, MuppetRuns.LIMIT);
        QuantizedTraining mt = MuppetRuns.controller(SEED);
        reference = mt;
        try (Model model = MuppetRuns.model(SEED);
                Trainer trainer =
                        MuppetRuns.trainer(
                                model, mt, 0, List.of(new Probe(mt)), List.of(new Hand(mt)))) {
            while (epochs < MAX_EPOCHS && (fp32Entry < 0 || epochs < fp32Entry + 1)) {
                MuppetRuns.epoch(trainer, train, SEED, epochs++);
                Checkpoints.save(dir.resolve("epoch" + epochs), model, mt);
            }
            finalParameters = MuppetRuns.parameters(model);
            finalState = MuppetRuns.switching(mt).state();
            System.out.printf(
                    "MuPPET run: %d epochs, D trace %s, switches %s%n",
                    epochs, handDiversity, MuppetRuns.switching(mt).switches());
        }
    }

    @Test
    void switchesWhereThePolicyDictatesAndFp32SyncsMastersAndStopsQuantizing() {
        QuantizedTraining mt = reference;
        PrecisionLadder ladder = MuppetRuns.switching(mt).ladder();
        {
            assertTrue(fp32Entry >= 0, "FP32 not reached in " + epochs + " epochs");

            List<Integer> switchEpochs =
                    MuppetRuns.switching(mt).switches().stream().map(SwitchEvent::epoch).toList();
            assertEquals(handSwitchEpochs, switchEpochs, "switch epochs");
            assertEquals(ladder.size() - 1, MuppetRuns.switching(mt).currentLevel());
            List<Double> controllerD =
                    MuppetRuns.switching(mt).checks().stream().map(c -> c.diversity()).toList();
            assertEquals(handDiversity.size(), controllerD.size(), "number of checks");
            for (int i = 0; i < controllerD.size(); i++) {
                assertEquals(handDiversity.get(i), controllerD.get(i), 1e-9 * handDiversity.get(i));
            }

            for (int e = 0; e < epochs; e++) {
                int level = 0;
                for (int s : handSwitchEpochs) {
                    level += s <= e ? 1 : 0;
                }
                for (Precision p : sitePrecisionPerEpoch.get(e)) {
                    assertEquals(ladder.precision(level), p, "site precision in epoch " + e);
                }
                boolean fp32 = ladder.precision(level).isIdentity();
                assertEquals(
                        fp32, siteQuantizedPerEpoch.get(e) == 0, "site quantisation, epoch " + e);
                assertEquals(
                        fp32,
                        optimizerQuantizedPerEpoch.get(e) == 0,
                        "optimizer quantisation, epoch " + e);
            }
            assertTrue(syncedToMasters, "parameters equal the masters on entering FP32");
            assertTrue(changedBySync, "entering FP32 replaced the quantised weights");
            assertEquals(0, MuppetRuns.switching(mt).gradientDiversity().tensorCount());
        }
    }

    /** Runs before the controller's listener: sees the precisions this batch was run at. */
    private static final class Probe extends TrainingListenerAdapter {
        private final QuantizedTraining mt;
        private List<Precision> precisions = new ArrayList<>();
        private long siteCount;

        Probe(QuantizedTraining mt) {
            this.mt = mt;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            // Sites hold the activation and error precisions, layers the weight precision.
            for (QuantizationPoint p : mt.getRegistry().points()) {
                TensorRole role =
                        p instanceof QuantizationSite ? TensorRole.ACTIVATION : TensorRole.WEIGHT;
                precisions.add(p.core().precision(role));
            }
            drainSites();
        }

        private void drainSites() {
            for (QuantizationPoint p : mt.getRegistry().points()) {
                for (TensorRole role : TensorRole.values()) {
                    QuantStats s = p.core().drainStats(role);
                    siteCount += s.total();
                }
            }
        }

        @Override
        public void onEpoch(Trainer trainer) {
            drainSites();
            sitePrecisionPerEpoch.add(precisions);
            siteQuantizedPerEpoch.add(siteCount);
            long optimizerCount = 0;
            for (Map<TensorRole, QuantStats> m : mt.getOptimizer().statsSnapshot(true).values()) {
                for (QuantStats s : m.values()) {
                    optimizerCount += s.total();
                }
            }
            optimizerQuantizedPerEpoch.add(optimizerCount);
            precisions = new ArrayList<>();
            siteCount = 0;
            beforeEpochEnd = MuppetRuns.parameters(trainer.getModel());
            mastersBeforeEpochEnd = new ArrayList<>();
            for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                NDArray master = mt.getOptimizer().masterWeight(p.getValue().getId(), Device.cpu());
                mastersBeforeEpochEnd.add(master == null ? null : master.toFloatArray());
            }
        }
    }

    /** Runs after the controller's listener: hand-computed diversity and the rule of §5.1. */
    private static final class Hand extends TrainingListenerAdapter {
        private final QuantizedTraining mt;
        private int epoch;

        Hand(QuantizedTraining mt) {
            this.mt = mt;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            Batch b = batchData.getBatch();
            if (fp32Entry >= 0) {
                assertEquals(0, MuppetRuns.switching(mt).gradientDiversity().tensorCount());
                return;
            }
            if (b.getProgress() < b.getProgressTotal()) {
                return;
            }
            for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                float[] g;
                try (NDArray grad = p.getValue().getArray().getGradient()) {
                    g = grad.toFloatArray();
                }
                double[] sum = s2.computeIfAbsent(p.getKey(), k -> new double[g.length]);
                double sq = 0;
                for (int i = 0; i < g.length; i++) {
                    sq += (double) g[i] * g[i];
                    sum[i] += g[i];
                }
                s1.merge(p.getKey(), sq, Double::sum);
            }
        }

        @Override
        public void onEpoch(Trainer trainer) {
            int e = epoch++;
            if (fp32Entry < 0 && (e + 1) % 2 == 0) {
                double total = 0;
                for (Map.Entry<String, double[]> t : s2.entrySet()) {
                    double norm = 0;
                    for (double v : t.getValue()) {
                        norm += v * v;
                    }
                    total += s1.get(t.getKey()) / norm;
                }
                double d = total / s2.size();
                s1.clear();
                s2.clear();
                handDiversity.add(d);
                // T(e) = 1 + 0 * exp(0): a violation whenever D < maxD; patience 1.
                if (d >= handMaxD) {
                    handMaxD = d;
                } else if (handMaxD / d > 1) {
                    handSwitchEpochs.add(e + 1);
                    handLevel++;
                    handMaxD = 0;
                    if (handLevel == MuppetRuns.switching(mt).ladder().size() - 1) {
                        fp32Entry = e + 1;
                        checkMastersInModel(trainer);
                    }
                }
            }
            assertFalse(
                    fp32Entry < 0 && MuppetRuns.switching(mt).isFullPrecision(),
                    "controller entered FP32 early");
        }

        private void checkMastersInModel(Trainer trainer) {
            assertTrue(
                    MuppetRuns.switching(mt).isFullPrecision(),
                    "controller is in FP32 from epoch " + fp32Entry);
            QuantizedOptimizer q = mt.getOptimizer();
            List<float[]> now = MuppetRuns.parameters(trainer.getModel());
            int i = 0;
            for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                // Entering FP32 writes every master into its weight; with every precision FP32
                // the weight is the master from then on, so the copy is dropped.
                assertNull(q.masterWeight(p.getValue().getId(), Device.cpu()), p.getKey());
                float[] master = mastersBeforeEpochEnd.get(i);
                assertNotNull(master, "master of " + p.getKey() + " before the switch");
                assertArrayEquals(master, now.get(i++), 0f, p.getKey());
            }
            syncedToMasters = true;
            changedBySync = !MuppetRuns.bitEqual(beforeEpochEnd, now);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
        assertTrue(fp32Entry > 2, "a switch to resume across");
        // Level 1, one epoch before the check that enters FP32: non-empty diversity sums, and
        // the resumed run must take the FP32 switch (and master sync) itself.
        int k = fp32Entry - 1;
        Path checkpoint = dir.resolve("epoch" + k);
        CheckpointInfo info = Checkpoints.peek(checkpoint);
        assertEquals(k, info.epoch());
        QuantizedTraining mt = MuppetRuns.controller(SEED);
        assertEquals(mt.getRecipe().toString(), info.recipe());
        try (Model model = MuppetRuns.model(SEED + 1000);
                Trainer trainer =
                        MuppetRuns.trainer(model, mt, (int) info.step(), List.of(), List.of())) {
            Checkpoints.load(checkpoint, model, mt);
            assertEquals(1, MuppetRuns.switching(mt).currentLevel(), "resumes at the saved level");
            assertEquals(
                    MuppetRuns.switching(mt).ladder().precision(1),
                    MuppetRuns.switching(mt).currentPrecision());
            assertEquals(info.step(), mt.getContext().step());
            assertEquals(k, mt.epochsCompleted());
            assertTrue(
                    MuppetRuns.switching(mt).gradientDiversity().tensorCount() > 0,
                    "running sums restored");
            for (int e = k; e < epochs; e++) {
                MuppetRuns.epoch(trainer, train, SEED, e);
            }
            assertTrue(
                    MuppetRuns.bitEqual(finalParameters, MuppetRuns.parameters(model)),
                    "resumed parameters equal the uninterrupted run's bit for bit");
            assertStateEquals(finalState, MuppetRuns.switching(mt).state());
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
        bytes[8] = 3;
        Files.write(file, bytes);
        String message = loadFails(copy);
        assertTrue(message.contains("version 3 is not supported"), message);
        bytes[8] = 1;
        Files.write(file, bytes);
        message = loadFails(copy);
        assertTrue(message.contains("format version 1"), message);

        bytes[0] = 'X';
        Files.write(file, bytes);
        message = loadFails(copy);
        assertTrue(message.contains("not a muppet-djl checkpoint"), message);
    }

    @Test
    void checkpointOfAnotherSeedIsRefused() throws Exception {
        QuantizedTraining other =
                QuantizedTraining.builder()
                        .setRecipe(Recipes.muppet(MuppetRuns.forcedPolicy().config()))
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
        QuantizedTraining mt = MuppetRuns.controller(SEED);
        try (Model model = MuppetRuns.model(SEED + 3000);
                Trainer trainer = MuppetRuns.trainer(model, mt, 0, List.of(), List.of())) {
            List<float[]> before = MuppetRuns.parameters(model);
            MuppetState stateBefore = MuppetRuns.switching(mt).state();
            CheckpointException e =
                    assertThrows(
                            CheckpointException.class,
                            () -> Checkpoints.load(checkpoint, model, mt));
            assertTrue(e.getMessage().contains(checkpoint.toString()), "names the file");
            assertTrue(
                    MuppetRuns.bitEqual(before, MuppetRuns.parameters(model)),
                    "parameters untouched");
            assertStateEquals(stateBefore, MuppetRuns.switching(mt).state());
            assertEquals(0, mt.getContext().step());
            assertEquals(0, mt.epochsCompleted());
            assertEquals(1f, mt.getLossScaler().scale());
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
