/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.control.ScheduleController;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLinear;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.schedule.PrecisionSchedule;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.scaling.EnhancedLossScaler;
import io.github.muppetdjl.scaling.ScaledLoss;
import io.github.muppetdjl.site.QuantizationPoint;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** The controller's wiring, driven through a mocked trainer. */
class QuantizedTrainingTest {

    private static final Precision BFP8 = Precision.parse("bfp(8)/stochastic");

    private static SequentialBlock net() {
        return new SequentialBlock()
                .add(QuantizedLinear.builder().setUnits(3).build())
                .add(QuantizationSite.builder().build());
    }

    private static Trainer trainer(SequentialBlock block, Metrics metrics) {
        Model model = mock(Model.class);
        when(model.getBlock()).thenReturn(block);
        Trainer trainer = mock(Trainer.class);
        when(trainer.getModel()).thenReturn(model);
        when(trainer.getMetrics()).thenReturn(metrics);
        return trainer;
    }

    /** Wraps a plain SGD, as every training loop must. */
    static QuantizedTraining wired(QuantizedTraining qt) {
        qt.wrap(
                Optimizer.sgd()
                        .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f))
                        .build());
        return qt;
    }

    /** What trainer.step() does to the wrapper: one update per parameter, zero gradients. */
    static void step(QuantizedTraining qt, SequentialBlock block) {
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            ai.djl.ndarray.NDArray w = p.getValue().getArray();
            try (ai.djl.ndarray.NDArray g = w.zerosLike()) {
                qt.getOptimizer().update(p.getValue().getId(), w, g);
            }
        }
    }

    @Test
    void activePolicyIsWrittenIntoTheModelProperties() {
        SequentialBlock block = net();
        QuantizedTraining qt =
                wired(QuantizedTraining.builder().setPolicy(PrecisionPolicy.fp32()).build());
        Trainer trainer = trainer(block, new Metrics());
        Model model = trainer.getModel();
        qt.listener().onTrainingBegin(trainer);
        verify(model)
                .setProperty(
                        QuantizedTrainingListener.POLICY_PROPERTY,
                        PrecisionPolicy.fp32().toString());
        PrecisionPolicy bfp = PrecisionPolicy.uniform(Map.of(TensorRole.ERROR, BFP8));
        qt.setPolicy(bfp);
        qt.listener().onEpoch(trainer);
        verify(model).setProperty(QuantizedTrainingListener.POLICY_PROPERTY, bfp.toString());
    }

    @Test
    void aStepScheduleReachesTheSitesAtTheScheduledBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = net();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            PrecisionPolicy errors8 = PrecisionPolicy.uniform(Map.of(TensorRole.ERROR, BFP8));
            Recipe scheduled =
                    Recipe.builder()
                            .setName("steps")
                            .setController(
                                    ScheduleController.spec(
                                            PrecisionSchedule.byStep(
                                                    Map.of(
                                                            0L,
                                                            PrecisionPolicy.fp32(),
                                                            2L,
                                                            errors8))))
                            .build();
            QuantizedTraining qt = wired(QuantizedTraining.builder().setRecipe(scheduled).build());
            Trainer trainer = trainer(block, new Metrics());
            qt.listener().onTrainingBegin(trainer);
            QuantizationSite site = (QuantizationSite) block.getChildren().values().get(1);
            qt.listener().onTrainingBatch(trainer, null); // step 0 done; step 1 still FP32
            step(qt, block);
            assertEquals(Precision.FP32, site.getErrorPrecision());
            qt.listener().onTrainingBatch(trainer, null); // step 1 done; step 2 is scheduled
            assertEquals(BFP8, site.getErrorPrecision());
            assertEquals(errors8, qt.getPolicy());
        }
    }

    @Test
    void policyChangesApplyAtTheNextBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = net();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            QuantizedTraining qt =
                    wired(QuantizedTraining.builder().setPolicy(PrecisionPolicy.fp32()).build());
            Trainer trainer = trainer(block, new Metrics());
            qt.listener().onTrainingBegin(trainer);
            QuantizationSite site = (QuantizationSite) block.getChildren().values().get(1);
            assertEquals(Precision.FP32, site.getErrorPrecision());
            assertEquals(2, qt.getRegistry().points().size());

            qt.setPolicy(PrecisionPolicy.uniform(Map.of(TensorRole.ERROR, BFP8)));
            assertEquals(BFP8, site.getErrorPrecision(), "applied to every site at once");
            qt.listener().onTrainingBatch(trainer, null);
            assertEquals(BFP8, site.getErrorPrecision());
            assertEquals(1, qt.getContext().step());
            QuantizationPoint layer = (QuantizationPoint) block.getChildren().values().get(0);
            assertEquals(Precision.FP32, layer.core().precision(TensorRole.WEIGHT));
        }
    }

    @Test
    void parameterPrecisionsFollowTheOwningBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = net();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            PrecisionPolicy policy =
                    (site, role) ->
                            site.blockType().equals("Linear") && role == TensorRole.WEIGHT
                                    ? BFP8
                                    : Precision.FP32;
            QuantizedTraining qt = QuantizedTraining.builder().setPolicy(policy).build();
            qt.attach(block);
            String weightId = block.getParameters().get("01QuantizedLinear_weight").getId();
            assertEquals(BFP8, qt.parameterPrecisions().of(weightId, TensorRole.WEIGHT));
            assertEquals(Precision.FP32, qt.parameterPrecisions().of(weightId, TensorRole.ERROR));
        }
    }

    @Test
    void statisticsGoIntoMetrics() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = net();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            QuantizedTraining qt =
                    wired(
                            QuantizedTraining.builder()
                                    .setPolicy(
                                            PrecisionPolicy.uniform(
                                                    Map.of(TensorRole.ACTIVATION, BFP8)))
                                    .optMetricsDetail(MetricsDetail.STEP)
                                    .build());
            Metrics metrics = new Metrics();
            Trainer trainer = trainer(block, metrics);
            qt.listener().onTrainingBegin(trainer);
            block.forward(
                    new ai.djl.training.ParameterStore(m, false),
                    new ai.djl.ndarray.NDList(m.ones(new Shape(2, 2))),
                    false);
            qt.listener().onTrainingBatch(trainer, null);
            String name = "muppet.site.02QuantizationSite.activation.total";
            assertTrue(metrics.hasMetric(name), metrics.getMetricNames().toString());
            assertEquals(6, metrics.latestMetric(name).getValue().longValue());
            assertEquals(1f, metrics.latestMetric("muppet.lossScale").getValue().floatValue());
        }
    }

    @Test
    void wrapsOptimizerAndLoss() {
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(PrecisionPolicy.fp32())
                        .optLossScaler(DynamicLossScaler.builder().build())
                        .build();
        Optimizer wrapped =
                qt.wrap(
                        Optimizer.sgd()
                                .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f))
                                .build());
        assertEquals(wrapped, qt.getOptimizer());
        Loss loss = qt.wrapLoss(Loss.l2Loss());
        assertInstanceOf(ScaledLoss.class, loss);
        assertFalse(qt.listener() == null);
    }

    @Test
    void epochEndRaisesTheEnhancedScalerFloor() {
        EnhancedLossScaler scaler =
                EnhancedLossScaler.builder()
                        .optInitialScale(8f)
                        .optFloorByEpoch(Map.of(1, 1024f))
                        .build();
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(PrecisionPolicy.fp32())
                        .optLossScaler(scaler)
                        .build();
        Trainer trainer = trainer(net(), null);
        qt.listener().onEpoch(trainer);
        assertEquals(1024f, scaler.floor());
        assertTrue(scaler.scale() >= 1024f);
    }

    @Test
    void builderRequiresAPolicy() {
        assertThrows(IllegalArgumentException.class, () -> QuantizedTraining.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        QuantizedTraining.builder()
                                .setPolicy(PrecisionPolicy.fp32())
                                .optQuantizer(null)
                                .build());
    }
}
