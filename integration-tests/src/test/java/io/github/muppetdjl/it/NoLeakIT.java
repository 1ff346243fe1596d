/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Live NDArrays and resident memory stay flat over 500 quantised training steps (BFP-8 on every
 * role of a small MLP with sites): the array count must not change at all after warm-up, and
 * resident memory minus the Java heap must not grow by more than 48 MB.
 */
class NoLeakIT {

    private static final int STEPS = 500;
    private static final int WARMUP = 200;

    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return ((BaseNDManager) probe.getParentManager()).getManagedArrays().size();
        }
    }

    /** Resident memory minus the committed Java heap (which may grow freely): native memory. */
    private static long nativeKb() throws Exception {
        return rssKb() - Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void arraysAndMemoryStayFlat() throws Exception {
        Harness.seed(2);
        SequentialBlock net =
                new SequentialBlock()
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(32).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(10).build());
        ModelConverter.convert(net);
        Precision bfp8 = Precision.parse("bfp(8)/stochastic");
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(
                                PrecisionPolicy.uniform(
                                        Map.of(
                                                TensorRole.WEIGHT, bfp8,
                                                TensorRole.ACTIVATION, bfp8,
                                                TensorRole.ERROR, bfp8,
                                                TensorRole.WEIGHT_GRADIENT, bfp8)))
                        .optRecordMetrics(false)
                        .build();
        Dataset train = SubsetData.load(Dataset.Usage.TRAIN, 32, true, Long.MAX_VALUE);
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(Harness.config(qt))) {
                trainer.initialize(Harness.INPUT);
                int step = 0;
                int arraysAtWarmup = -1;
                long rssAtWarmup = -1;
                long nativeAt400 = -1;
                while (step < STEPS) {
                    for (Batch batch : trainer.iterateDataset(train)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                        step++;
                        if (step == WARMUP) {
                            System.gc();
                            arraysAtWarmup = liveArrays();
                            rssAtWarmup = nativeKb();
                        }
                        if (step == 400) {
                            System.gc();
                            nativeAt400 = nativeKb();
                        }
                        if (step == STEPS) {
                            break;
                        }
                    }
                }
                System.gc();
                int arrays = liveArrays();
                // Native memory is noisy (allocator caches, JIT); a leak shows in both late
                // samples.
                long rss = Math.min(nativeAt400, nativeKb());
                System.out.printf(
                        "live arrays %d -> %d, RSS minus Java heap %d kB -> %d kB over %d steps%n",
                        arraysAtWarmup, arrays, rssAtWarmup, rss, STEPS - WARMUP);
                assertEquals(arraysAtWarmup, arrays, "live NDArrays grew");
                assertEquals(0, qt.getRegistry().pendingCount());
                assertTrue(
                        rss - rssAtWarmup < 48 * 1024,
                        "native memory grew by " + (rss - rssAtWarmup) + " kB");
            }
        }
    }
}
