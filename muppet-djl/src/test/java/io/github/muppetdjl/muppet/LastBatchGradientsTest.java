/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;

import io.github.muppetdjl.quant.schedule.GradientDiversity;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Last-batch detection and unscaling of {@link LastBatchGradients}, with gradients made by the
 * engine: the gradient of {@code sum(w * c)} with respect to {@code w} is {@code c}.
 */
class LastBatchGradientsTest {

    private static Batch batch(NDManager manager, long progress, long total) {
        return new Batch(
                manager,
                new NDList(),
                new NDList(),
                4,
                Batchifier.STACK,
                Batchifier.STACK,
                progress,
                total);
    }

    /** One parameter "w" whose gradient is {@code c}. */
    private static ParameterList withGradient(NDManager manager, float[] c) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        NDArray array = manager.zeros(new Shape(c.length));
        w.setArray(array);
        array.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(array.mul(manager.create(c)).sum());
        }
        ParameterList list = new ParameterList();
        list.add("01Block_w", w);
        return list;
    }

    @Test
    void onlyTheBatchReachingTheTotalCountsAndItIsUnscaled() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LastBatchGradients last = new LastBatchGradients();
            GradientDiversity sums = new GradientDiversity();
            last.onBatch(
                    batch(manager, 4, 12), withGradient(manager, new float[] {9, 9}), 1f, sums);
            last.onBatch(
                    batch(manager, 8, 12), withGradient(manager, new float[] {7, 7}), 1f, sums);
            assertEquals(0, sums.tensorCount(), "no batch before the last counts");
            last.onBatch(
                    batch(manager, 12, 12), withGradient(manager, new float[] {2, 0}), 4f, sums);
            last.onEpochEnd(sums);
            assertEquals(1, sums.samples("01Block_w"));
            // Second epoch: gradient [2, 3] at scale 1. With the first unscaled to [0.5, 0]:
            // S1 = 0.25 + 13, S2 = [2.5, 3], D = 13.25 / 15.25 (left scaled, [2, 0]: 17 / 25).
            last.onBatch(
                    batch(manager, 12, 12), withGradient(manager, new float[] {2, 3}), 1f, sums);
            last.onEpochEnd(sums);
            assertEquals(13.25 / 15.25, sums.diversity(), 1e-12);
            GradientDiversity expected = new GradientDiversity();
            expected.accumulate("t", new float[] {0.5f, 0});
            expected.accumulate("t", new float[] {2, 3});
            assertEquals(expected.diversity("t"), sums.diversity("01Block_w"), 0.0);
        }
    }

    @Test
    void unknownTotalFallsBackToTheMostRecentBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LastBatchGradients last = new LastBatchGradients();
            GradientDiversity sums = new GradientDiversity();
            last.onBatch(batch(manager, 4, 0), withGradient(manager, new float[] {1, 1}), 1f, sums);
            last.onBatch(batch(manager, 8, 0), withGradient(manager, new float[] {3, 4}), 1f, sums);
            assertEquals(0, sums.tensorCount(), "nothing before the epoch ends");
            last.onEpochEnd(sums);
            assertEquals(1, sums.samples("01Block_w"));
            // Only [3, 4] was added: S1 = 25, ||S2||^2 = 25.
            assertEquals(1.0, sums.diversity("01Block_w"), 0.0);
            // Drop-last sampler: the last full batch ends at 8 of 10 examples (batch size 4).
            last.onBatch(
                    batch(manager, 4, 10), withGradient(manager, new float[] {5, 5}), 1f, sums);
            last.onBatch(
                    batch(manager, 8, 10), withGradient(manager, new float[] {-3, -4}), 1f, sums);
            last.onEpochEnd(sums);
            assertEquals(2, sums.samples("01Block_w"));
            // {[3, 4], [-3, -4]} cancel: D is infinite.
            assertEquals(Double.POSITIVE_INFINITY, sums.diversity("01Block_w"));
            assertEquals(
                    List.of("01Block_w"), sums.snapshot().stream().map(t -> t.tensor()).toList());
        }
    }
}
