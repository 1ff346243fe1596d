/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

import io.github.muppetdjl.muppet.MuppetTraining;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.schedule.PrecisionLadder;
import io.github.muppetdjl.quant.schedule.SwitchEvent;
import io.github.muppetdjl.site.QuantizationPoint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wiring of {@link MuppetTraining} in a real DJL loop, with the forced configuration of {@link
 * MuppetRuns#forcedPolicy()}. The test computes the gradient diversity of the last batches itself
 * (by hand, from gradients it reads after the error passes), replays the §5.1 rule by hand, and
 * checks that the controller switched at exactly those epochs, that every batch of an epoch ran its
 * sites at that epoch's level, that entering FP32 made the parameters equal to the optimizer's
 * master copies, and that no quantisation and no diversity collection happened afterwards.
 */
class MuppetSwitchingIT {

    private static final long SEED = 7;
    private static final int MAX_EPOCHS = 14;

    /** Hand replay of the rule and the observations, filled by the two listeners. */
    private final List<Double> handDiversity = new ArrayList<>();

    private final List<Integer> handSwitchEpochs = new ArrayList<>();
    private final List<List<Precision>> sitePrecisionPerEpoch = new ArrayList<>();
    private final List<Long> siteQuantizedPerEpoch = new ArrayList<>();
    private final List<Long> optimizerQuantizedPerEpoch = new ArrayList<>();
    private final Map<String, double[]> s2 = new LinkedHashMap<>();
    private final Map<String, Double> s1 = new LinkedHashMap<>();
    private List<float[]> beforeEpochEnd;
    private int handLevel;
    private double handMaxD;
    private int fp32Entry = -1;
    private boolean syncedToMasters;
    private boolean changedBySync;

    @Test
    void switchesWhereThePolicyDictatesAndFp32SyncsMastersAndStopsQuantizing() throws Exception {
        Dataset train =
                SubsetData.load(Dataset.Usage.TRAIN, MuppetRuns.BATCH, true, MuppetRuns.LIMIT);
        MuppetTraining mt = MuppetRuns.controller(SEED);
        PrecisionLadder ladder = mt.switching().ladder();
        try (Model model = MuppetRuns.model(SEED);
                Trainer trainer =
                        MuppetRuns.trainer(
                                model, mt, 0, List.of(new Probe(mt)), List.of(new Hand(mt)))) {
            int epochs = 0;
            while (epochs < MAX_EPOCHS && (fp32Entry < 0 || epochs < fp32Entry + 2)) {
                MuppetRuns.epoch(trainer, train, SEED, epochs++);
            }
            System.out.printf(
                    "MuPPET wiring: D trace %s, switches %s%n",
                    handDiversity, mt.switching().switches());
            assertTrue(fp32Entry >= 0, "FP32 not reached in " + epochs + " epochs");

            List<Integer> switchEpochs =
                    mt.switching().switches().stream().map(SwitchEvent::epoch).toList();
            assertEquals(handSwitchEpochs, switchEpochs, "switch epochs");
            assertEquals(ladder.size() - 1, mt.switching().currentLevel());
            List<Double> controllerD =
                    mt.switching().checks().stream().map(c -> c.diversity()).toList();
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
            assertEquals(0, mt.switching().gradientDiversity().tensorCount());
        }
    }

    /** Runs before the controller's listener: sees the precisions this batch was run at. */
    private final class Probe extends TrainingListenerAdapter {
        private final MuppetTraining mt;
        private List<Precision> precisions = new ArrayList<>();
        private long siteCount;

        Probe(MuppetTraining mt) {
            this.mt = mt;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            // Sites hold the activation and error precisions, layers the weight precision.
            for (QuantizationPoint p : mt.training().getRegistry().points()) {
                TensorRole role =
                        p instanceof QuantizationSite ? TensorRole.ACTIVATION : TensorRole.WEIGHT;
                precisions.add(p.core().precision(role));
            }
            drainSites();
        }

        private void drainSites() {
            for (QuantizationPoint p : mt.training().getRegistry().points()) {
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
            for (Map<TensorRole, QuantStats> m :
                    mt.training().getOptimizer().statsSnapshot(true).values()) {
                for (QuantStats s : m.values()) {
                    optimizerCount += s.total();
                }
            }
            optimizerQuantizedPerEpoch.add(optimizerCount);
            precisions = new ArrayList<>();
            siteCount = 0;
            beforeEpochEnd = MuppetRuns.parameters(trainer.getModel());
        }
    }

    /** Runs after the controller's listener: hand-computed diversity and the rule of §5.1. */
    private final class Hand extends TrainingListenerAdapter {
        private final MuppetTraining mt;
        private int epoch;

        Hand(MuppetTraining mt) {
            this.mt = mt;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            Batch b = batchData.getBatch();
            if (fp32Entry >= 0) {
                assertEquals(0, mt.switching().gradientDiversity().tensorCount());
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
                    if (handLevel == mt.switching().ladder().size() - 1) {
                        fp32Entry = e + 1;
                        checkMastersInModel(trainer);
                    }
                }
            }
            assertFalse(fp32Entry < 0 && mt.isFullPrecision(), "controller entered FP32 early");
        }

        private void checkMastersInModel(Trainer trainer) {
            assertTrue(mt.isFullPrecision(), "controller is in FP32 from epoch " + fp32Entry);
            QuantizedOptimizer q = mt.training().getOptimizer();
            List<float[]> now = MuppetRuns.parameters(trainer.getModel());
            int i = 0;
            for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                NDArray master = q.masterWeight(p.getValue().getId(), Device.cpu());
                assertNotNull(master, "master of " + p.getKey());
                assertArrayEquals(master.toFloatArray(), now.get(i++), 0f, p.getKey());
            }
            syncedToMasters = true;
            changedBySync = !MuppetRuns.bitEqual(beforeEpochEnd, now);
        }
    }
}
