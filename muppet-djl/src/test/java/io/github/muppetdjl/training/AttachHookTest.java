/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;

import io.github.muppetdjl.control.AttachedModel;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.recipe.Recipe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code onAttach} sees the model when training binds it, with the shapes it was initialised with,
 * and once more at the first batch when that batch's shapes differ; never again after that.
 */
class AttachHookTest {

    /** Records the input shapes of every onAttach. */
    static final class Attaching implements PrecisionController {
        final List<List<Shape>> attached = new ArrayList<>();

        @Override
        public PrecisionPolicy policy() {
            return PrecisionPolicy.fp32();
        }

        @Override
        public PrecisionPolicy onAttach(AttachedModel model) {
            attached.add(model.inputShapes());
            return policy();
        }

        @Override
        public String toString() {
            return "attaching";
        }
    }

    @Test
    void theFirstBatchsShapesReachTheControllerWhenTheyDiffer() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block =
                    new SequentialBlock()
                            .add(QuantizedLinear.builder().setUnits(2).build())
                            .add(QuantizationSite.builder().build());
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            Attaching controller = new Attaching();
            Recipe recipe =
                    Recipe.builder()
                            .setName("attaching")
                            .setController(
                                    new PrecisionController.Spec() {
                                        @Override
                                        public PrecisionController create() {
                                            return controller;
                                        }

                                        @Override
                                        public String toString() {
                                            return "attaching";
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
            when(trainer.getMetrics()).thenReturn(new Metrics());
            Batch batch = mock(Batch.class);
            when(batch.getData()).thenReturn(new NDList(m.zeros(new Shape(5, 3))));
            TrainingListener.BatchData data =
                    new TrainingListener.BatchData(batch, Map.of(), Map.of());

            qt.listener().onTrainingBegin(trainer);
            assertEquals(List.of(List.of(new Shape(1, 3))), controller.attached);
            qt.listener().onTrainingBatch(trainer, data);
            QuantizedTrainingTest.step(qt, block);
            qt.listener().onTrainingBatch(trainer, data);
            assertEquals(
                    List.of(List.of(new Shape(1, 3)), List.of(new Shape(5, 3))),
                    controller.attached);
        }
    }
}
