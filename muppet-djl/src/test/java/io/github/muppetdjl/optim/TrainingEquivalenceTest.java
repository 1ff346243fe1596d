/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.muppetdjl.scaling.ScaledLoss;
import io.github.muppetdjl.scaling.StaticLossScaler;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * With FP32 everywhere, training through {@link QuantizedOptimizer} matches plain DJL training of
 * the same parameters bit for bit, through DJL's real Trainer and parameter server.
 */
class TrainingEquivalenceTest {

    private static final int STEPS = 6;

    private static void assertSameTraining(
            Supplier<Optimizer> inner, float lossScale, boolean expectMaster) {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray[]> batches = TinyNet.batches(manager, STEPS, 11);
            QuantizedOptimizer q = QuantizedOptimizer.builder().setOptimizer(inner.get()).build();
            Loss base = Loss.softmaxCrossEntropyLoss();
            Loss wrappedLoss =
                    lossScale == 1f ? base : new ScaledLoss(base, new StaticLossScaler(lossScale));
            try (TinyNet plain = new TinyNet("plain", inner.get(), base);
                    TinyNet quantized = new TinyNet("quantized", q, wrappedLoss)) {
                quantized.copyParametersFrom(plain);
                int[] start = plain.parameterBits();
                assertArrayEquals(start, quantized.parameterBits());
                for (int s = 0; s < STEPS; s++) {
                    NDArray[] b = batches.get(s);
                    plain.backward(b[0], b[1]);
                    plain.trainer.step();
                    quantized.backward(b[0], b[1]);
                    q.beginStep(s, lossScale, false);
                    quantized.trainer.step();
                    assertArrayEquals(
                            plain.parameterBits(), quantized.parameterBits(), "step " + s);
                }
                assertFalse(Arrays.equals(start, plain.parameterBits()), "training moved");
                if (expectMaster) {
                    String id =
                            quantized.model.getBlock().getParameters().get(0).getValue().getId();
                    assertNotNull(q.masterWeight(id, Device.cpu()), "master path was taken");
                }
            }
        }
    }

    @Test
    void sgdWithMomentumMatchesPlainDjl() {
        assertSameTraining(
                () ->
                        Optimizer.sgd()
                                .setLearningRateTracker(Tracker.fixed(0.1f))
                                .optMomentum(0.9f)
                                .build(),
                1f,
                false);
    }

    @Test
    void adamMatchesPlainDjl() {
        assertSameTraining(() -> Optimizer.adam().build(), 1f, false);
    }

    /**
     * A power-of-two loss scale scales every gradient exactly, so unscaling restores DJL's
     * gradients bit for bit; the update then runs through the master copy.
     */
    @Test
    void adamThroughTheMasterWithPowerOfTwoLossScaleMatchesPlainDjl() {
        assertSameTraining(() -> Optimizer.adam().build(), 1024f, true);
    }

    @Test
    void sgdThroughTheMasterWithPowerOfTwoLossScaleMatchesPlainDjl() {
        assertSameTraining(
                () ->
                        Optimizer.sgd()
                                .setLearningRateTracker(Tracker.fixed(0.1f))
                                .optMomentum(0.9f)
                                .build(),
                65536f,
                true);
    }
}
