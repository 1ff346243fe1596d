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
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;

import io.github.muppetdjl.control.GradientView;
import io.github.muppetdjl.control.OverflowEvent;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.recipe.Recipe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The listener calls a controller's hooks at the documented points, counts steps and epochs in one
 * place, applies the policy a hook returns to every site at once, reports overflow per site, and
 * keeps the trainer's metrics bounded per epoch.
 */
class ControllerHooksTest {

    /** Records every call; switches the activations to a 2-bit fixed point after epoch 0. */
    static final class Recording implements PrecisionController {
        final List<String> calls = new ArrayList<>();
        final List<OverflowEvent> overflows = new ArrayList<>();
        PrecisionPolicy policy =
                PrecisionPolicy.uniform(
                        Map.of(TensorRole.ACTIVATION, Precision.parse("fixed(4,1)/nearest")));

        @Override
        public PrecisionPolicy policy() {
            return policy;
        }

        @Override
        public PrecisionPolicy beforeBatch(long step, int epoch) {
            calls.add("before " + step + "/" + epoch);
            return policy;
        }

        @Override
        public PrecisionPolicy afterBackward(GradientView gradients) {
            calls.add("after " + gradients.step() + "/" + gradients.epoch());
            return policy;
        }

        @Override
        public PrecisionPolicy onOverflow(OverflowEvent event) {
            overflows.add(event);
            return policy;
        }

        @Override
        public PrecisionPolicy onEpochEnd(int epoch, Map<String, Double> evaluations) {
            calls.add("epoch " + epoch);
            policy = PrecisionPolicy.fp32();
            return policy;
        }

        @Override
        public String toString() {
            return "recording";
        }
    }

    @Test
    void hooksRunInOrderAndTheirPolicyReachesEverySite() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block =
                    new SequentialBlock()
                            .add(QuantizedLinear.builder().setUnits(3).build())
                            .add(QuantizationSite.builder().build());
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            Recording controller = new Recording();
            Recipe recipe =
                    Recipe.builder()
                            .setName("recording")
                            .setController(
                                    new PrecisionController.Spec() {
                                        @Override
                                        public PrecisionController create() {
                                            return controller;
                                        }

                                        @Override
                                        public String toString() {
                                            return "recording";
                                        }
                                    })
                            .build();
            QuantizedTraining qt =
                    QuantizedTrainingTest.wired(
                            QuantizedTraining.builder().setRecipe(recipe).build());
            Model model = mock(Model.class);
            when(model.getBlock()).thenReturn(block);
            Trainer trainer = mock(Trainer.class);
            when(trainer.getModel()).thenReturn(model);
            Metrics metrics = new Metrics();
            when(trainer.getMetrics()).thenReturn(metrics);

            qt.listener().onTrainingBegin(trainer);
            for (int b = 0; b < 2; b++) {
                // Values 0..7 on a 4-bit grid with step 0.5 saturate above 3.5.
                block.forward(
                        new ParameterStore(m, false),
                        new NDList(m.arange(4f).reshape(2, 2).mul(4)),
                        false);
                qt.listener().onTrainingBatch(trainer, null);
                QuantizedTrainingTest.step(qt, block);
            }
            qt.listener().onEpoch(trainer);
            assertEquals(
                    List.of(
                            "before 0/0",
                            "after 0/0",
                            "before 1/0",
                            "after 1/0",
                            "before 2/0",
                            "epoch 0",
                            "before 2/1"),
                    controller.calls);
            assertEquals(2, qt.getContext().step());
            assertEquals(1, qt.epochsCompleted());
            QuantizationSite site = (QuantizationSite) block.getChildren().values().get(1);
            assertEquals(Precision.FP32, site.getActivationPrecision(), "switched at the epoch");
            assertTrue(!controller.overflows.isEmpty(), "saturation reported");
            OverflowEvent e = controller.overflows.get(0);
            assertEquals(TensorRole.ACTIVATION, e.role());
            assertTrue(e.stats().saturated() > 0);
            // Per-epoch metrics: one value per statistic for the epoch, not one per step.
            String total = "muppet.site." + e.name() + ".activation.total";
            assertEquals(1, metrics.getMetric(total).size(), metrics.getMetricNames().toString());
            assertEquals(1, metrics.getMetric("muppet.skippedSteps").size());
        }
    }
}
