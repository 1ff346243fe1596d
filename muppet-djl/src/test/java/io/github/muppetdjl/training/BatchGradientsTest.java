/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

import io.github.muppetdjl.control.GradientView.EpochPosition;

import org.junit.jupiter.api.Test;

/**
 * The last-batch position from DJL's batch progress, and unscaled gradient copies made by the
 * engine: the gradient of {@code sum(w * c)} with respect to {@code w} is {@code c}.
 */
class BatchGradientsTest {

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

    @Test
    void positionFollowsProgressAndTotal() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(EpochPosition.NOT_LAST, BatchGradients.positionOf(batch(m, 4, 12)));
            assertEquals(EpochPosition.LAST, BatchGradients.positionOf(batch(m, 12, 12)));
            assertEquals(EpochPosition.MAYBE_LAST, BatchGradients.positionOf(batch(m, 4, 0)));
            // Drop-last sampler: 8 of 10 with batch size 4 may be the last full batch.
            assertEquals(EpochPosition.MAYBE_LAST, BatchGradients.positionOf(batch(m, 8, 10)));
            assertEquals(EpochPosition.NOT_LAST, BatchGradients.positionOf(batch(m, 4, 10)));
            assertEquals(EpochPosition.MAYBE_LAST, BatchGradients.positionOf(null));
        }
    }

    @Test
    void gradientsAreCopiedUnscaledByParameterPath() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            NDArray array = m.zeros(new Shape(2));
            w.setArray(array);
            array.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(array.mul(m.create(new float[] {2, -6})).sum());
            }
            ParameterList list = new ParameterList();
            list.add("01Block_w", w);
            BatchGradients g = new BatchGradients(3, 1, 4f, false, batch(m, 4, 4), list);
            assertEquals(EpochPosition.LAST, g.position());
            assertArrayEquals(new float[] {0.5f, -1.5f}, g.unscaledGradients().get("01Block_w"));
        }
    }

    @Test
    void batchAccuracyIsTopOneOverTheBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Rows pick classes 1, 0, 2, 0 (the first of two equal maxima); labels 1, 1, 2, 0.
            NDArray logits =
                    m.create(
                            new float[] {0f, 3f, 1f, 5f, 2f, 1f, 0f, 0f, 9f, 4f, 4f, 1f},
                            new Shape(4, 3));
            NDArray labels = m.create(new float[] {1f, 1f, 2f, 0f});
            java.util.Map<ai.djl.Device, NDList> p = new java.util.HashMap<>();
            java.util.Map<ai.djl.Device, NDList> l = new java.util.HashMap<>();
            p.put(logits.getDevice(), new NDList(logits));
            l.put(logits.getDevice(), new NDList(labels));
            ai.djl.training.listener.TrainingListener.BatchData data =
                    new ai.djl.training.listener.TrainingListener.BatchData(null, l, p);
            assertEquals(0.75, BatchGradients.top1(data), 0.0);
            assertEquals(true, Double.isNaN(BatchGradients.top1(null)));
        }
    }
}
