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
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

class QuantizedSgdTest {

    private static final String ID = "w";
    private static final Shape SHAPE = new Shape(6, 5);
    private static final int N = 30;

    private OptimizerFixture fx;
    private final Random random = new Random(3);

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

    /** Returns the largest |a - b| relative to max(|b|, 1e-3). */
    static double maxRelativeError(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-3));
        }
        return worst;
    }

    private void compareWithDjl(float momentum, float weightDecay, float rescale, float tolerance) {
        Optimizer djl =
                Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(0.05f))
                        .optMomentum(momentum)
                        .optWeightDecays(weightDecay)
                        .setRescaleGrad(rescale)
                        .build();
        QuantizedSgd ours =
                QuantizedSgd.builder()
                        .setLearningRateTracker(Tracker.fixed(0.05f))
                        .optMomentum(momentum)
                        .optWeightDecays(weightDecay)
                        .setRescaleGrad(rescale)
                        .build();
        float[] w0 = OptimizerFixture.gaussian(random, N, 1f);
        NDArray a = fx.weight(w0, SHAPE);
        NDArray b = fx.weight(w0, SHAPE);
        for (int s = 0; s < 8; s++) {
            float[] g = OptimizerFixture.gaussian(random, N, 1f);
            step(djl, a, g);
            step(ours, b, g);
            float[] expected = a.toFloatArray();
            float[] actual = b.toFloatArray();
            if (tolerance == 0f) {
                assertArrayEquals(bits(expected), bits(actual), "step " + s);
            } else {
                assertTrue(maxRelativeError(actual, expected) <= tolerance, "step " + s);
            }
            try (NDArray grad = b.getGradient()) {
                assertEquals(0f, grad.abs().sum().getFloat(), "gradient zeroed");
            }
        }
    }

    @Test
    void plainSgdMatchesDjlBitForBit() {
        compareWithDjl(0f, 0f, 1f, 0f);
    }

    @Test
    void momentumMatchesDjlBitForBit() {
        compareWithDjl(0.9f, 0f, 0.5f, 0f);
    }

    /**
     * DJL's native update adds {@code weightDecay * weight} with PyTorch's fused {@code add_(x,
     * alpha)}; we multiply then add, which may differ in the last bit: a relative 1e-6 tolerance.
     */
    @Test
    void weightDecayMatchesDjlWithinRounding() {
        compareWithDjl(0.9f, 1e-2f, 1f, 1e-6f);
    }

    @Test
    void quantizedMomentumIsOnTheGridAndMatchesTheOracle() {
        Precision p = Precision.parse("fp8-e5m2/stochastic");
        long seed = 5;
        QuantizedSgd sgd =
                QuantizedSgd.builder()
                        .setLearningRateTracker(Tracker.fixed(0.1f))
                        .optMomentum(0.9f)
                        .optSeed(seed)
                        .optPrecisions(
                                ParameterPrecisions.uniform(Map.of(TensorRole.OPTIMIZER_STATE, p)))
                        .build();
        float[] w = OptimizerFixture.gaussian(random, N, 1f);
        float[] state = new float[N];
        NDArray weight = fx.weight(w, SHAPE);
        for (int t = 1; t <= 4; t++) {
            float[] g = OptimizerFixture.gaussian(random, N, 1f);
            step(sgd, weight, g);
            for (int i = 0; i < N; i++) {
                state[i] = state[i] * 0.9f + g[i] * 0.1f;
            }
            long key = StreamKeys.key(seed, t, ID, RandomStream.OPTIMIZER_STATE, 0);
            state = oracle(state, SHAPE.getShape(), p, key);
            for (int i = 0; i < N; i++) {
                w[i] = w[i] - state[i];
            }
            NDArray m = sgd.momentum(ID, weight);
            assertArrayEquals(bits(state), bits(m), "momentum at t=" + t);
            assertTrue(OptimizerFixture.onGrid(m, Precision.parse("fp8-e5m2")));
            assertArrayEquals(bits(w), bits(weight), "weight at t=" + t);
        }
        assertEquals(4L * N, sgd.stateStats(ID).snapshot().total());
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> QuantizedSgd.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        QuantizedSgd.builder()
                                .setLearningRateTracker(Tracker.fixed(0.1f))
                                .optMomentum(1f)
                                .build());
    }
}
