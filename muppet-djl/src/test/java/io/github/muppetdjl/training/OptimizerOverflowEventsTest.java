/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.github.muppetdjl.control.OverflowEvent;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.optim.QuantizedSgd;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.recipe.Recipe;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The roles the optimizer wrapper quantises (weights, weight gradients, master weights, optimizer
 * state) reach the controller's {@code onOverflow} too: named by the parameter's path, with the
 * step of the update that overflowed, at the next batch or at the epoch's end.
 */
class OptimizerOverflowEventsTest {

    /** 4-bit fixed point, step 0.5: everything beyond 3.5 saturates. */
    private static final Precision NARROW = Precision.parse("fixed(4,1)/nearest");

    @Test
    void weightsGradientsAndStateOfAnUpdateAreReportedWithItsStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = block(m);
            ControllerHooksTest.Recording controller =
                    controller(
                            TensorRole.WEIGHT,
                            TensorRole.WEIGHT_GRADIENT,
                            TensorRole.OPTIMIZER_STATE);
            Fixture f = new Fixture(block, controller);

            // Attaching writes the FP32 masters (10) into the weights at 4 bits: saturated.
            f.qt.listener().onTrainingBegin(f.trainer);
            f.qt.listener().onTrainingBatch(f.trainer, null);
            assertEquals(EnumSet.of(TensorRole.WEIGHT), roles(controller, 0), events(controller));
            assertEquals(2, controller.overflows.size(), "weight and bias");
            controller.overflows.clear();

            // Step 0's update: gradients of 100 saturate, and so does the momentum 10 * 3.5 = 35
            // they feed; the new master 10 - 35 = -25 saturates the weight again.
            f.update(100);
            f.qt.listener().onEpoch(f.trainer);
            assertEquals(
                    EnumSet.of(
                            TensorRole.WEIGHT,
                            TensorRole.WEIGHT_GRADIENT,
                            TensorRole.OPTIMIZER_STATE),
                    roles(controller, 0),
                    events(controller));
            assertEquals(6, controller.overflows.size(), "two parameters, three roles");
            for (OverflowEvent e : controller.overflows) {
                assertTrue(
                        e.name().endsWith("_weight") || e.name().endsWith("_bias"), e.toString());
                assertTrue(e.stats().saturated() > 0, e.toString());
            }
        }
    }

    @Test
    void masterWeightsAreReported() {
        try (NDManager m = NDManager.newBaseManager()) {
            ControllerHooksTest.Recording controller = controller(TensorRole.MASTER_WEIGHT);
            Fixture f = new Fixture(block(m), controller);
            // The masters are created from the weights (10) at 4 bits: saturated.
            f.qt.listener().onTrainingBegin(f.trainer);
            f.qt.listener().onTrainingBatch(f.trainer, null);
            assertEquals(
                    EnumSet.of(TensorRole.MASTER_WEIGHT), roles(controller, 0), events(controller));
        }
    }

    private static SequentialBlock block(NDManager m) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(QuantizedLinear.builder().setUnits(2).build())
                        .add(QuantizationSite.builder().build());
        block.initialize(m, DataType.FLOAT32, new Shape(1, 2));
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            w.set(w.onesLike().mul(10).toFloatArray());
        }
        return block;
    }

    private static ControllerHooksTest.Recording controller(TensorRole... narrow) {
        ControllerHooksTest.Recording c = new ControllerHooksTest.Recording();
        Map<TensorRole, Precision> roles = new java.util.EnumMap<>(TensorRole.class);
        for (TensorRole r : narrow) {
            roles.put(r, NARROW);
        }
        c.policy = PrecisionPolicy.uniform(roles);
        return c;
    }

    /** A controller wired to a momentum SGD (learning rate 10) and a mocked trainer. */
    private static final class Fixture {
        final SequentialBlock block;
        final QuantizedTraining qt;
        final Trainer trainer;

        Fixture(SequentialBlock block, ControllerHooksTest.Recording controller) {
            this.block = block;
            qt = QuantizedTraining.builder().setRecipe(recipe(controller)).build();
            qt.wrap(
                    QuantizedSgd.builder()
                            .setLearningRateTracker(Tracker.fixed(10f))
                            .optMomentum(0.9f)
                            .build());
            Model model = mock(Model.class);
            when(model.getBlock()).thenReturn(block);
            trainer = mock(Trainer.class);
            when(trainer.getModel()).thenReturn(model);
            when(trainer.getMetrics()).thenReturn(new Metrics());
        }

        void update(float gradient) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                try (NDArray g = w.onesLike().mul(gradient)) {
                    qt.getOptimizer().update(p.getValue().getId(), w, g);
                }
            }
        }
    }

    private static Set<TensorRole> roles(ControllerHooksTest.Recording c, long step) {
        Set<TensorRole> out = EnumSet.noneOf(TensorRole.class);
        for (OverflowEvent e : c.overflows) {
            assertEquals(step, e.step(), e.toString());
            out.add(e.role());
        }
        return out;
    }

    private static String events(ControllerHooksTest.Recording c) {
        return c.overflows.toString();
    }

    private static Recipe recipe(ControllerHooksTest.Recording controller) {
        return Recipe.builder()
                .setName("recording")
                .setController(
                        new io.github.muppetdjl.control.PrecisionController.Spec() {
                            @Override
                            public io.github.muppetdjl.control.PrecisionController create() {
                                return controller;
                            }

                            @Override
                            public String toString() {
                                return "recording";
                            }
                        })
                .build();
    }
}
