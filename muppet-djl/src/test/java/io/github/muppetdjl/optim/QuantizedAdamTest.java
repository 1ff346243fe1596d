/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static io.github.muppetdjl.optim.OptimizerFixture.bits;
import static io.github.muppetdjl.optim.OptimizerFixture.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;

class QuantizedAdamTest {

    private static final String ID = "w";
    private static final Shape SHAPE = new Shape(5, 6);
    private static final int N = 30;

    private OptimizerFixture fx;
    private final Random random = new Random(5);

    @BeforeEach
    void setUp() {
        fx = new OptimizerFixture();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private void step(Optimizer o, NDArray w, float[] g) {
        fx.accumulateGradient(w, g);
        try (NDArray copy = fx.gradientCopy(w)) {
            o.update(ID, w, copy);
        }
    }

    /**
     * Same formula and operation order as DJL's native Adam; PyTorch fuses {@code add_(g, alpha)}
     * and {@code addcmul_}, we multiply then add, so results may differ in the last bits: relative
     * 1e-5 over 10 steps (Adam divides by sqrt(v), which amplifies a last-bit difference of v).
     */
    @Test
    void unquantizedMatchesDjlAdam() {
        Optimizer djl =
                Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(0.01f))
                        .optWeightDecays(1e-3f)
                        .build();
        QuantizedAdam ours =
                QuantizedAdam.builder()
                        .optLearningRateTracker(Tracker.fixed(0.01f))
                        .optWeightDecays(1e-3f)
                        .build();
        float[] w0 = OptimizerFixture.gaussian(random, N, 1f);
        NDArray a = fx.weight(w0, SHAPE);
        NDArray b = fx.weight(w0, SHAPE);
        double worst = 0;
        for (int s = 0; s < 10; s++) {
            float[] g = OptimizerFixture.gaussian(random, N, 1f);
            step(djl, a, g);
            step(ours, b, g);
            worst =
                    Math.max(
                            worst,
                            QuantizedSgdTest.maxRelativeError(b.toFloatArray(), a.toFloatArray()));
            try (NDArray grad = b.getGradient()) {
                assertEquals(0f, grad.abs().sum().getFloat(), "gradient zeroed");
            }
        }
        assertTrue(worst <= 1e-5, "max relative error " + worst);
    }

    @Test
    void quantizedMomentsAreOnTheGridAndMatchTheOracle() {
        Precision p = Precision.parse("bfp(8)/nearest");
        float lr = 0.01f;
        float b1 = 0.9f;
        float b2 = 0.999f;
        float eps = 1e-8f;
        QuantizedAdam adam =
                QuantizedAdam.builder()
                        .optLearningRateTracker(Tracker.fixed(lr))
                        .optPrecisions(
                                ParameterPrecisions.uniform(Map.of(TensorRole.OPTIMIZER_STATE, p)))
                        .build();
        float[] w = OptimizerFixture.gaussian(random, N, 1f);
        NDArray weight = fx.weight(w, SHAPE);
        float[] m = new float[N];
        float[] v = new float[N];
        for (int t = 1; t <= 3; t++) {
            float[] g = OptimizerFixture.gaussian(random, N, 1f);
            step(adam, weight, g);
            for (int i = 0; i < N; i++) {
                m[i] = m[i] * b1 + g[i] * (1f - b1);
                v[i] = v[i] * b2 + g[i] * g[i] * (1f - b2);
            }
            m = oracle(m, SHAPE.getShape(), p, 0L);
            v = oracle(v, SHAPE.getShape(), p, 0L);
            assertArrayEquals(bits(m), bits(adam.mean(ID, weight)), "m at t=" + t);
            assertArrayEquals(bits(v), bits(adam.variance(ID, weight)), "v at t=" + t);
            assertTrue(OptimizerFixture.onGrid(adam.mean(ID, weight), p));
            assertTrue(OptimizerFixture.onGrid(adam.variance(ID, weight), p));
            float bc = (float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
            for (int i = 0; i < N; i++) {
                w[i] = w[i] - m[i] * bc / ((float) Math.sqrt(v[i]) + eps);
            }
            float[] actual = weight.toFloatArray();
            for (int i = 0; i < N; i++) {
                assertEquals(w[i], actual[i], 1e-6f * Math.max(1f, Math.abs(w[i])), "w t=" + t);
            }
        }
    }

    @Test
    void stateSurvivesSaveAndLoad() throws IOException {
        Precision p = Precision.parse("fp16/stochastic");
        ParameterPrecisions precisions =
                ParameterPrecisions.uniform(Map.of(TensorRole.OPTIMIZER_STATE, p));
        QuantizedAdam a = QuantizedAdam.builder().optPrecisions(precisions).optSeed(1).build();
        float[] w0 = OptimizerFixture.gaussian(random, N, 1f);
        float[] g1 = OptimizerFixture.gaussian(random, N, 1f);
        float[] g2 = OptimizerFixture.gaussian(random, N, 1f);
        NDArray wa = fx.weight(w0, SHAPE);
        step(a, wa, g1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.saveState(new DataOutputStream(bytes));
        float[] after1 = wa.toFloatArray();
        step(a, wa, g2);

        QuantizedAdam b =
                QuantizedAdam.builder()
                        .optPrecisions(precisions)
                        .optSeed(1)
                        .optBeginNumUpdate(1) // the step count is not part of the state
                        .build();
        b.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), fx.manager);
        NDArray wb = fx.weight(after1, SHAPE);
        step(b, wb, g2);
        assertArrayEquals(bits(wa), bits(wb));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(
                IllegalArgumentException.class, () -> QuantizedAdam.builder().optBeta1(1f).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizedAdam.builder().optEpsilon(0f).build());
    }
}
