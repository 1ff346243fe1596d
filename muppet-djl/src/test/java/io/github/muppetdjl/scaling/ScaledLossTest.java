/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScaledLossTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDList labels() {
        return new NDList(manager.create(new float[] {0f, 0f, 1f, -1f}));
    }

    private NDList predictions() {
        return new NDList(manager.create(new float[] {1f, 2f, 1f, 0f}));
    }

    // L2 loss = mean(0.5 * (label - prediction)^2) = 0.5 * (1 + 4 + 0 + 1) / 4 = 0.75 exactly.
    private static final float BASE = 0.75f;

    @Test
    void evaluateIsScaled() {
        DynamicLossScaler scaler = DynamicLossScaler.builder().optInitialScale(1024f).build();
        ScaledLoss loss = new ScaledLoss(Loss.l2Loss(), scaler);
        try (NDArray value = loss.evaluate(labels(), predictions())) {
            assertEquals(BASE * 1024f, value.getFloat());
        }
        scaler.update(true); // scale halves: the next evaluation follows it
        try (NDArray value = loss.evaluate(labels(), predictions())) {
            assertEquals(BASE * 512f, value.getFloat());
        }
        try (NDArray value = loss.evaluateUnscaled(labels(), predictions())) {
            assertEquals(BASE, value.getFloat());
        }
    }

    @Test
    void accumulatedLossIsUnscaled() {
        ScaledLoss loss = new ScaledLoss(Loss.l2Loss(), new StaticLossScaler(65536f));
        loss.addAccumulator("train");
        loss.updateAccumulators(new String[] {"train"}, labels(), predictions());
        assertEquals(BASE, loss.getAccumulator("train"));
        // second batch: prediction equals label except one element of 2 -> 0.5 * 4 / 4 = 0.5
        NDList p2 = new NDList(manager.create(new float[] {0f, 0f, 1f, 1f}));
        loss.updateAccumulator("train", labels(), p2);
        assertEquals((BASE + 0.5f) / 2f, loss.getAccumulator("train"));
        // a batch whose loss overflowed is left out (its step is skipped) and counted
        NDList inf = new NDList(manager.create(new float[] {Float.POSITIVE_INFINITY, 0f, 1f, 1f}));
        loss.updateAccumulator("train", labels(), inf);
        assertEquals((BASE + 0.5f) / 2f, loss.getAccumulator("train"));
        assertEquals(1, loss.nonFiniteBatches());
        loss.resetAccumulator("train");
        assertEquals(Float.NaN, loss.getAccumulator("train"));
    }

    @Test
    void aSkippedBatchIsNotReportedAsNaNUntilTheLossStaysNonFinite() {
        ScaledLoss loss = new ScaledLoss(Loss.l2Loss(), new StaticLossScaler(8f), 2);
        loss.addAccumulator("all");
        loss.addAccumulator("epoch");
        String[] keys = {"all", "epoch"};
        NDList nan = new NDList(manager.create(new float[] {Float.NaN, 0f, 1f, 1f}));
        loss.updateAccumulators(keys, labels(), predictions());
        for (int i = 1; i <= 2; i++) {
            // DJL's evaluator resets the per-batch accumulator before every batch.
            loss.resetAccumulator("all");
            loss.updateAccumulators(keys, labels(), nan);
            assertEquals(Float.POSITIVE_INFINITY, loss.getAccumulator("all"), "batch " + i);
            assertEquals(BASE, loss.getAccumulator("epoch"));
            assertEquals(i, loss.consecutiveNonFiniteBatches());
            assertFalse(loss.hasDiverged());
        }
        // A third in a row: diverged, reported as NaN as DJL's own losses do.
        loss.resetAccumulator("all");
        loss.updateAccumulators(keys, labels(), nan);
        assertTrue(loss.hasDiverged());
        assertEquals(Float.NaN, loss.getAccumulator("all"));
        assertEquals(Float.NaN, loss.getAccumulator("epoch"));
        assertEquals(3, loss.nonFiniteBatches());
        // A finite batch ends the run of non-finite ones.
        loss.resetAccumulator("all");
        loss.updateAccumulators(keys, labels(), predictions());
        assertFalse(loss.hasDiverged());
        assertEquals(BASE, loss.getAccumulator("all"));
        assertEquals(BASE, loss.getAccumulator("epoch"));
        // Nothing accumulated at all stays NaN; a negative limit is refused.
        loss.resetAccumulator("all");
        assertEquals(Float.NaN, loss.getAccumulator("all"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ScaledLoss(Loss.l2Loss(), StaticLossScaler.none(), -1));
        assertEquals(
                ScaledLoss.DEFAULT_MAX_CONSECUTIVE_NON_FINITE,
                new ScaledLoss(Loss.l2Loss(), StaticLossScaler.none()).maxConsecutiveNonFinite());
    }

    @Test
    void keepsTheBaseNameAndRejectsNulls() {
        Loss base = Loss.softmaxCrossEntropyLoss("xent");
        ScaledLoss loss = new ScaledLoss(base, StaticLossScaler.none());
        assertEquals("xent", loss.getName());
        assertEquals(base, loss.getBase());
        assertThrows(IllegalArgumentException.class, () -> new ScaledLoss(null, loss.getScaler()));
        assertThrows(IllegalArgumentException.class, () -> new ScaledLoss(base, null));
    }

    @Test
    void scalingAddsNoLiveArraysBeyondTheBaseLoss() {
        // DJL's losses leave their intermediates on the batch's manager; scaling must add none.
        ScaledLoss loss = new ScaledLoss(Loss.l2Loss(), new StaticLossScaler(4f));
        NDList l = labels();
        NDList p = predictions();
        int start = manager.getManagedArrays().size();
        for (int i = 0; i < 10; i++) {
            loss.getBase().evaluate(l, p).close();
        }
        int baseGrowth = manager.getManagedArrays().size() - start;
        start = manager.getManagedArrays().size();
        for (int i = 0; i < 10; i++) {
            loss.evaluate(l, p).close();
        }
        assertEquals(baseGrowth, manager.getManagedArrays().size() - start);
    }
}
