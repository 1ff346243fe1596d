/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static io.github.muppetdjl.optim.OptimizerFixture.bits;
import static io.github.muppetdjl.optim.OptimizerFixture.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * With the optimizer wrapped, weights are quantised in one place: the wrapper writes them, and a
 * quantised layer's forward uses them as they are (no quantiser call, no straight-through
 * estimator). Only a fresh model's first batch, before the wrapper has written any weight, has the
 * layer quantise its weight itself.
 */
class WeightsAreQuantisedOnceTest {

    private static final long SEED = 5;
    private static final Precision BFP8 = Precision.parse("bfp(8)/stochastic");

    /** Counts the copies made by {@code quantize}, the call a layer's forward uses. */
    private static final class CountingQuantizer implements TensorQuantizer {
        final TensorQuantizer delegate = Quantizers.best();
        final AtomicInteger copies = new AtomicInteger();

        @Override
        public NDArray quantize(NDArray x, Precision p, long key, StatsAccumulator stats) {
            copies.incrementAndGet();
            return delegate.quantize(x, p, key, stats);
        }

        @Override
        public NDArray quantizeInPlace(NDArray x, Precision p, long key, StatsAccumulator stats) {
            return delegate.quantizeInPlace(x, p, key, stats);
        }

        @Override
        public NDArray quantizeInto(
                NDArray src, NDArray dst, Precision p, long key, StatsAccumulator stats) {
            return delegate.quantizeInto(src, dst, p, key, stats);
        }
    }

    private static int forwardCopies(Trainer trainer, CountingQuantizer counting, NDArray x) {
        int before = counting.copies.get();
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
            gc.backward(y.sum());
        }
        return counting.copies.get() - before;
    }

    @Test
    void theLayerUsesTheWeightTheWrapperWrote() throws Exception {
        CountingQuantizer counting = new CountingQuantizer();
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(PrecisionPolicy.uniform(Map.of(TensorRole.WEIGHT, BFP8)))
                        .optQuantizer(counting)
                        .optSeed(SEED)
                        .build();
        SequentialBlock net =
                new SequentialBlock().add(QuantizedLinear.builder().setUnits(3).build());
        try (Model model = Model.newInstance("once")) {
            model.setBlock(net);
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optOptimizer(qt.wrap(sgd))
                            .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 4));
                NDArray x = trainer.getManager().randomNormal(new Shape(2, 4));

                // Attached before initialisation: nothing written yet, so the layer quantises.
                assertFalse(qt.getContext().weightsOwnedByOptimizer());
                assertEquals(1, forwardCopies(trainer, counting, x));
                qt.listener().onTrainingBatch(trainer, null);
                trainer.step();

                assertTrue(qt.getContext().weightsOwnedByOptimizer());
                assertEquals(0, forwardCopies(trainer, counting, x), "the layer quantises nothing");

                // Re-attaching refreshes the weights from their masters at the current step.
                String name = net.getParameters().keys().get(0);
                NDArray w = net.getParameters().get(name).getArray();
                qt.attach(net);
                assertTrue(qt.getContext().weightsOwnedByOptimizer());
                NDArray master = qt.getOptimizer().masterWeight(name, Device.cpu());
                long key = StreamKeys.key(SEED, qt.getContext().step(), name, RandomStream.WEIGHT);
                float[] expected = oracle(master.toFloatArray(), new long[] {3, 4}, BFP8, key);
                assertArrayEquals(bits(expected), bits(w));

                // The forward is plain Linear on the live weight: no second quantisation.
                NDArray b = net.getParameters().valueAt(1).getArray();
                NDArray y = trainer.evaluate(new NDList(x)).singletonOrThrow();
                assertArrayEquals(bits(Linear.linear(x, w, b).singletonOrThrow()), bits(y));
                assertEquals(0, forwardCopies(trainer, counting, x));
            }
        }
    }
}
