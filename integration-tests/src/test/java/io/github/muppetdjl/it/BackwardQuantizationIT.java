/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Through the controller and a real trainer, the first layer's weight gradient is computed from the
 * quantised error: x(2x2) -> Linear(3, no bias) -> site -> Linear(1, no bias), loss sum(out^2)/2,
 * so the error at the site is E[i][j] = out[i] * w2[j] and dL/dW1 = q(E)^T x.
 */
class BackwardQuantizationIT {

    private static final long SEED = 11;
    private static final float[] X = {1, -1, 0.5f, 2};
    private static final float[] W1 = {1, 2, 3, 4, 5, 6};
    private static final float[] W2 = {0.3f, -0.7f, 1.1f};

    /** Returns {out, dL/dW1} after one forward, backward and the listener's error pass. */
    private static float[][] step(Precision error) throws Exception {
        Harness.seed(SEED);
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(3).optBias(false).build())
                        .add(QuantizationSite.builder().build())
                        .add(Linear.builder().setUnits(1).optBias(false).build());
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(PrecisionPolicy.uniform(Map.of(TensorRole.ERROR, error)))
                        .optSeed(SEED)
                        .build();
        try (Model model = Model.newInstance("tiny")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(Harness.config(qt))) {
                trainer.initialize(new Shape(2, 2));
                net.getParameters().valueAt(0).getArray().set(W1);
                net.getParameters().valueAt(1).getArray().set(W2);
                NDArray x = trainer.getManager().create(X, new Shape(2, 2));
                float[] out;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                    out = y.toFloatArray();
                    gc.backward(y.square().sum().div(2));
                }
                qt.listener().onTrainingBatch(trainer, null);
                float[] g = net.getParameters().valueAt(0).getArray().getGradient().toFloatArray();
                return new float[][] {out, g};
            }
        }
    }

    private static float[] gradFrom(float[] e) {
        float[] g = new float[6];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 2; k++) {
                g[j * 2 + k] = e[j] * X[k] + e[3 + j] * X[2 + k];
            }
        }
        return g;
    }

    @Test
    void fixedPointErrorGivesTheHandWorkedGradient() throws Exception {
        // out = [-0.7, 10.65]; E = [[-0.21, 0.49, -0.77], [3.195, -7.455, 11.715]];
        // step 0.25, nearest: q(E) = [[-0.25, 0.5, -0.75], [3.25, -7.5, 11.75]].
        float[][] r = step(Precision.parse("fixed(8,2)/nearest"));
        assertArrayEquals(new float[] {-0.7f, 10.65f}, r[0], 1e-5f);
        float[] expected = {1.375f, 6.75f, -3.25f, -15.5f, 5.125f, 24.25f};
        assertArrayEquals(expected, r[1], 0f);
    }

    @Test
    void blockFloatingPointErrorMatchesTheScalarOracle() throws Exception {
        Precision bfp = Precision.parse("bfp(4)/stochastic");
        float[][] r = step(bfp);
        float[] e = new float[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                e[i * 3 + j] = r[0][i] * W2[j];
            }
        }
        float[] unquantized = gradFrom(e);
        // The only site is named by its path in the block tree; the step is 0 on the first batch.
        long key = StreamKeys.key(SEED, 0, "02QuantizationSite", RandomStream.ERROR);
        ScalarQuantizer.quantize(e, new long[] {2, 3}, bfp, key);
        float[] expected = gradFrom(e);
        assertArrayEquals(expected, r[1], 1e-5f);
        double diff = 0;
        for (int i = 0; i < 6; i++) {
            diff = Math.max(diff, Math.abs(unquantized[i] - expected[i]));
        }
        assertTrue(diff > 1e-2, "4-bit quantisation must change the gradient");
    }

    @Test
    void fp32ErrorLeavesTheGradientUnquantised() throws Exception {
        float[][] r = step(Precision.FP32);
        float[] e = new float[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                e[i * 3 + j] = r[0][i] * W2[j];
            }
        }
        assertArrayEquals(gradFrom(e), r[1], 1e-5f);
        assertEquals(1.3875f, r[1][0], 1e-5f);
    }
}
