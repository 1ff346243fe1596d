/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.scaling.GradientChecks;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.ScaledLoss;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Faults: an injected Inf/NaN gradient skips the step, leaves every weight bit-identical and backs
 * off the scale, through DJL's real EasyTrain; and nothing creates a data type that aborts the
 * engine (BF16, INT16).
 */
class FaultsTest {

    /** The listener protocol of the controller, reduced to loss scaling. */
    private static final class ScalingProtocol extends TrainingListenerAdapter {
        private final LossScaler scaler;
        private final QuantizedOptimizer optimizer;
        private long step;

        ScalingProtocol(LossScaler scaler, QuantizedOptimizer optimizer) {
            this.scaler = scaler;
            this.optimizer = optimizer;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            float used = scaler.scale();
            boolean overflow =
                    GradientChecks.anyNonFinite(trainer.getModel().getBlock().getParameters());
            boolean apply = scaler.update(overflow);
            optimizer.beginStep(step++, used, !apply);
        }
    }

    @Test
    void injectedInfinitySkipsTheStepKeepsEveryBitAndBacksOffTheScale() {
        int steps = 6;
        int fault = 3;
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray[]> batches = TinyNet.batches(manager, steps, 21);
            float[] x = batches.get(fault)[0].toFloatArray();
            x[5] = Float.POSITIVE_INFINITY;
            batches.get(fault)[0] = manager.create(x, new Shape(TinyNet.BATCH, TinyNet.IN));

            DynamicLossScaler scaler = DynamicLossScaler.builder().build();
            QuantizedOptimizer q =
                    QuantizedOptimizer.builder().setOptimizer(Optimizer.adam().build()).build();
            ScaledLoss loss = new ScaledLoss(Loss.softmaxCrossEntropyLoss(), scaler);
            TrainingListener[] listeners = {
                new ScalingProtocol(scaler, q), new EvaluatorTrainingListener()
            };
            try (TinyNet plain = new TinyNet("plain", Optimizer.adam().build(), loss.getBase());
                    TinyNet scaled = new TinyNet("scaled", q, loss, listeners)) {
                scaled.copyParametersFrom(plain);
                scaled.trainer.notifyListeners(l -> l.onEpoch(scaled.trainer));
                float plainLossSum = 0f;
                for (int s = 0; s < steps; s++) {
                    NDArray[] b = batches.get(s);
                    int[] before = scaled.parameterBits();
                    try (Batch batch =
                            new Batch(
                                    manager.newSubManager(),
                                    // Batch takes ownership: hand it copies.
                                    new NDList(b[0].duplicate()),
                                    new NDList(b[1].duplicate()),
                                    TinyNet.BATCH,
                                    Batchifier.STACK,
                                    Batchifier.STACK,
                                    s,
                                    steps)) {
                        EasyTrain.trainBatch(scaled.trainer, batch);
                        scaled.trainer.step();
                    }
                    if (s == fault) {
                        assertArrayEquals(before, scaled.parameterBits(), "no bit changes");
                        assertEquals(32768f, scaler.scale(), "scale backed off");
                        assertEquals(0, scaler.state().cleanSteps(), "clean count restarts");
                    } else {
                        assertFalse(Arrays.equals(before, scaled.parameterBits()));
                        // The reference simply never sees the faulty batch.
                        plainLossSum += plain.backward(b[0], b[1]);
                        plain.trainer.step();
                    }
                    assertArrayEquals(plain.parameterBits(), scaled.parameterBits(), "step " + s);
                }
                assertEquals(65536f / 2, scaler.scale());
                assertTrue(q.skippedUpdates() > 0);
                // Reported loss: unscaled, and the faulty batch left out of the mean.
                float reported = loss.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
                assertEquals(plainLossSum / (steps - 1), reported, 1e-6f * reported);
                assertEquals(1, loss.nonFiniteBatches());
            }
        }
    }

    @Test
    void everyFormatIsSimulatedInFloat32() {
        Map<TensorRole, Precision> all = new EnumMap<>(TensorRole.class);
        all.put(TensorRole.WEIGHT, Precision.parse("bf16/stochastic"));
        all.put(TensorRole.WEIGHT_GRADIENT, Precision.parse("fp8-e5m2/stochastic"));
        all.put(TensorRole.OPTIMIZER_STATE, Precision.parse("fixed(16,8)"));
        try (OptimizerFixture fx = new OptimizerFixture()) {
            QuantizedOptimizer q =
                    QuantizedOptimizer.builder()
                            .setOptimizer(QuantizedAdam.builder().build())
                            .optPrecisions(ParameterPrecisions.uniform(all))
                            .optMasterPrecision(Precision.parse("fp16/stochastic"))
                            .build();
            NDArray w = fx.weight(new float[] {0.1f, -2f, 3.5f, 1e-3f}, new Shape(2, 2));
            fx.accumulateGradient(w, new float[] {1f, 2f, -3f, 4f});
            try (NDArray g = fx.gradientCopy(w)) {
                q.update("w", w, g);
            }
            for (NDArray a : fx.manager.getManagedArrays()) {
                assertEquals(DataType.FLOAT32, a.getDataType(), a.getName());
            }
        }
    }

    /** BF16 and INT16 arrays abort the JVM (a native throw): no main source may create them. */
    @Test
    void noSourceCreatesAnEngineCrashingDataType() throws IOException {
        Pattern forbidden = Pattern.compile("DataType\\s*\\.\\s*(BFLOAT16|INT16)\\b");
        Path root = Paths.get("").toAbsolutePath().getParent();
        List<Path> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources =
                    files.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> p.toString().contains("/src/main/java/"))
                            .toList();
            for (Path p : sources) {
                scanned++;
                if (forbidden.matcher(Files.readString(p)).find()) {
                    offenders.add(p);
                }
            }
        }
        assertTrue(scanned > 20, "scanned the project's sources: " + scanned);
        assertTrue(offenders.isEmpty(), "creates BF16/INT16: " + offenders);
    }
}
