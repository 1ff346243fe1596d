/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.scaling.DynamicLossScaler;

import org.junit.jupiter.api.Test;

/**
 * Misuse that used to train wrongly in silence now fails early, with a message that says what to
 * do: no optimizer wrapper, a second wrap, a trainer that bypasses the wrapper, a scaling loss
 * scaler without the wrapped loss, and a model that was never converted.
 */
class WiringChecksTest {

    private static Trainer trainer(SequentialBlock block, Loss loss) {
        Model model = mock(Model.class);
        when(model.getBlock()).thenReturn(block);
        Trainer trainer = mock(Trainer.class);
        when(trainer.getModel()).thenReturn(model);
        when(trainer.getMetrics()).thenReturn(new Metrics());
        when(trainer.getLoss()).thenReturn(loss);
        return trainer;
    }

    private static Optimizer sgd() {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
    }

    private static SequentialBlock converted(NDManager m) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(QuantizedLinear.builder().setUnits(3).build())
                        .add(QuantizationSite.builder().build());
        block.initialize(m, DataType.FLOAT32, new Shape(2, 2));
        return block;
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalStateException.class, r::run).getMessage();
    }

    @Test
    void listenerWithoutTheOptimizerWrapperFailsAtTheStart() {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.bfp(8)).build();
            Trainer trainer = trainer(converted(m), Loss.l2Loss());
            String msg = message(() -> qt.listener().onTrainingBegin(trainer));
            assertTrue(msg.contains("qt.wrap(optimizer)"), msg);
        }
    }

    @Test
    void wrappingTwiceFails() {
        QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.bfp(8)).build();
        qt.wrap(sgd());
        String msg = message(() -> qt.wrap(sgd()));
        assertTrue(msg.contains("already"), msg);
    }

    @Test
    void aTrainerThatBypassesTheWrapperFailsAtTheNextBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = converted(m);
            QuantizedTraining qt =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder().setRecipe(Recipes.bfp(8)).build());
            Trainer trainer = trainer(block, Loss.l2Loss());
            qt.listener().onTrainingBegin(trainer);
            qt.listener().onTrainingBatch(trainer, null);
            QuantizedTrainingTest.step(qt, block);
            assertDoesNotThrow(() -> qt.listener().onTrainingBatch(trainer, null));
            // This step never reaches the wrapper (the trainer has another optimizer).
            String msg = message(() -> qt.listener().onTrainingBatch(trainer, null));
            assertTrue(msg.contains("did not go through the optimizer wrapper"), msg);
        }
    }

    @Test
    void aScalingLossScalerNeedsTheWrappedLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizedTraining qt =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder()
                                    .setRecipe(Recipes.bfp(8))
                                    .optLossScaler(DynamicLossScaler.builder().build())
                                    .build());
            String msg =
                    message(
                            () ->
                                    qt.listener()
                                            .onTrainingBegin(trainer(converted(m), Loss.l2Loss())));
            assertTrue(msg.contains("qt.wrapLoss(loss)"), msg);
            assertDoesNotThrow(
                    () ->
                            qt.listener()
                                    .onTrainingBegin(
                                            trainer(converted(m), qt.wrapLoss(Loss.l2Loss()))));
        }
    }

    @Test
    void convertingAfterNewTrainerFailsAtTheFirstBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
            net.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            QuantizedTraining qt =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder().setRecipe(Recipes.bfp(8)).build());
            Trainer t = trainer(net, null);
            qt.listener().onTrainingBegin(t);
            io.github.muppetdjl.convert.ModelConverter.convert(net);
            String msg = message(() -> qt.listener().onTrainingBatch(t, null));
            assertTrue(msg.contains("before creating the trainer"), msg);
        }
    }

    @Test
    void anUnconvertedModelFailsWhenThePolicyQuantisesActivationsOrErrors() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock plain = new SequentialBlock().add(Linear.builder().setUnits(3).build());
            plain.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            QuantizedTraining qt =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder().setRecipe(Recipes.bfp(8)).build());
            Trainer first = trainer(plain, null);
            // A trainer made only to evaluate is fine; training the unconverted model is not.
            assertDoesNotThrow(() -> qt.listener().onTrainingBegin(first));
            String msg = message(() -> qt.listener().onTrainingBatch(first, null));
            assertTrue(msg.contains("ModelConverter.convert"), msg);
            // FP32 needs no sites; a later switch to a quantising policy fails then.
            QuantizedTraining fp32 =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder().setPolicy(Presets.fp32()).build());
            Trainer t = trainer(plain, null);
            assertDoesNotThrow(() -> fp32.listener().onTrainingBegin(t));
            fp32.setPolicy(Presets.bfp(8));
            msg = message(() -> fp32.listener().onTrainingBatch(t, null));
            assertTrue(msg.contains("ModelConverter.convert"), msg);
            // Weights only are quantised by the optimizer wrapper: no sites needed.
            QuantizedTraining weights =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder()
                                    .setPolicy(
                                            PrecisionPolicy.uniform(
                                                    java.util.Map.of(
                                                            io.github.muppetdjl.quant.policy
                                                                    .TensorRole.WEIGHT,
                                                            io.github.muppetdjl.quant.quantizer
                                                                    .Precision.parse(
                                                                    "bfp(8)/stochastic"))))
                                    .build());
            Trainer w = trainer(plain, null);
            assertDoesNotThrow(() -> weights.listener().onTrainingBegin(w));
            assertDoesNotThrow(() -> weights.listener().onTrainingBatch(w, null));
        }
    }
}
