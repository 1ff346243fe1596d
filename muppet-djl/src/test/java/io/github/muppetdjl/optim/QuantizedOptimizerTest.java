/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static io.github.muppetdjl.optim.OptimizerFixture.bits;
import static io.github.muppetdjl.optim.OptimizerFixture.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

class QuantizedOptimizerTest {

    private static final String ID = "layer_weight";
    private static final Shape SHAPE = new Shape(4, 8);
    private static final long[] DIMS = SHAPE.getShape();

    private OptimizerFixture fx;
    private final Random random = new Random(7);

    @BeforeEach
    void setUp() {
        fx = new OptimizerFixture();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static Optimizer sgd(float lr) {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build();
    }

    private static ParameterPrecisions precisions(TensorRole role, String precision) {
        return ParameterPrecisions.uniform(Map.of(role, Precision.parse(precision)));
    }

    /** One step as DJL runs it: a real gradient, a copy handed to update. */
    private void step(QuantizedOptimizer q, NDArray w, float[] g) {
        fx.accumulateGradient(w, g);
        try (NDArray copy = fx.gradientCopy(w)) {
            q.update(ID, w, copy);
        }
    }

    private static boolean gradientIsZero(NDArray w) {
        try (NDArray g = w.getGradient()) {
            for (float v : g.toFloatArray()) {
                if (Float.floatToRawIntBits(v) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void skippedStepChangesNoBitAndZeroesTheGradient() {
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(Optimizer.adam().build())
                        .optPrecisions(precisions(TensorRole.WEIGHT, "bfp(8)"))
                        .build();
        float[] w0 = OptimizerFixture.gaussian(random, 32, 1f);
        NDArray w = fx.weight(w0, SHAPE);
        q.beginStep(0, 1f, false);
        step(q, w, OptimizerFixture.gaussian(random, 32, 1f));
        int[] before = bits(w);
        int[] masterBefore = bits(q.masterWeight(ID, Device.cpu()));
        float[] bad = new float[32];
        bad[3] = Float.NaN;
        bad[5] = Float.POSITIVE_INFINITY;
        q.beginStep(1, 1f, true);
        step(q, w, bad);
        assertArrayEquals(before, bits(w));
        assertArrayEquals(masterBefore, bits(q.masterWeight(ID, Device.cpu())));
        assertTrue(gradientIsZero(w), "NaN and Inf must be cleared from the gradient");
        assertEquals(1, q.skippedUpdates());
    }

    @Test
    void skippedStepDoesNotAdvanceTheInnerOptimizer() {
        float[] w0 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] g1 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] g2 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] bad = g1.clone();
        bad[0] = Float.NEGATIVE_INFINITY;
        QuantizedOptimizer a =
                QuantizedOptimizer.builder().setOptimizer(Optimizer.adam().build()).build();
        QuantizedOptimizer b =
                QuantizedOptimizer.builder().setOptimizer(Optimizer.adam().build()).build();
        NDArray wa = fx.weight(w0, SHAPE);
        NDArray wb = fx.weight(w0, SHAPE);
        a.beginStep(0, 1f, false);
        step(a, wa, g1);
        a.beginStep(1, 1f, false);
        step(a, wa, g2);
        b.beginStep(0, 1f, false);
        step(b, wb, g1);
        b.beginStep(1, 1f, true);
        step(b, wb, bad);
        b.beginStep(2, 1f, false);
        step(b, wb, g2);
        assertArrayEquals(bits(wa), bits(wb));
    }

    @Test
    void gradientIsUnscaledBeforeItIsQuantized() {
        Precision p = Precision.parse("bfp(4)/nearest");
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(1f))
                        .optPrecisions(
                                ParameterPrecisions.uniform(Map.of(TensorRole.WEIGHT_GRADIENT, p)))
                        .build();
        float[] w0 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] scaled = OptimizerFixture.gaussian(random, 32, 3f);
        NDArray w = fx.weight(w0, SHAPE);
        q.beginStep(0, 3f, false);
        step(q, w, scaled);

        float[] unscaled = new float[32];
        float[] wrongOrder = oracle(scaled, DIMS, p, 0L);
        for (int i = 0; i < 32; i++) {
            unscaled[i] = scaled[i] / 3f;
            wrongOrder[i] = w0[i] - wrongOrder[i] / 3f;
        }
        float[] qg = oracle(unscaled, DIMS, p, 0L);
        float[] expected = new float[32];
        for (int i = 0; i < 32; i++) {
            expected[i] = w0[i] - qg[i];
        }
        assertArrayEquals(bits(expected), bits(w));
        assertFalse(Arrays.equals(bits(expected), bits(wrongOrder)), "test must tell orders apart");
        assertTrue(gradientIsZero(w));
        assertEquals(32, q.stats(ID, TensorRole.WEIGHT_GRADIENT).snapshot().total());
    }

    @Test
    void onTheCpuTheGradientCopyIsQuantisedInPlaceWithTheStepsKeys() {
        // Stochastic rounding, so that the keys of gradient and weight are checked too.
        Precision p = Precision.parse("bfp(6)/stochastic");
        long seed = 21;
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(0.5f))
                        .optPrecisions(
                                ParameterPrecisions.uniform(
                                        Map.of(
                                                TensorRole.WEIGHT_GRADIENT,
                                                p,
                                                TensorRole.WEIGHT,
                                                p)))
                        .optSeed(seed)
                        .build();
        float[] w0 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] g = OptimizerFixture.gaussian(random, 32, 1f);
        NDArray w = fx.weight(w0, SHAPE);
        fx.accumulateGradient(w, g);
        q.beginStep(5, 1f, false);
        float[] handed;
        try (NDArray copy = fx.gradientCopy(w)) {
            q.update(ID, w, copy);
            handed = copy.toFloatArray();
        }
        float[] qg = oracle(g, DIMS, p, StreamKeys.key(seed, 5, ID, RandomStream.WEIGHT_GRADIENT));
        assertArrayEquals(bits(qg), bits(handed), "the gradient copy holds the quantised gradient");
        assertFalse(Arrays.equals(bits(g), bits(qg)), "quantisation must change the gradient");
        float[] master = new float[32];
        for (int i = 0; i < 32; i++) {
            master[i] = w0[i] - 0.5f * qg[i];
        }
        assertArrayEquals(bits(master), bits(q.masterWeight(ID, Device.cpu())));
        float[] expected =
                oracle(master, DIMS, p, StreamKeys.key(seed, 5, ID, RandomStream.WEIGHT));
        assertArrayEquals(bits(expected), bits(w));
        assertTrue(gradientIsZero(w));
    }

    @Test
    void weightIsQuantizedFromAFullPrecisionMaster() {
        Precision p = Precision.parse("bfp(4)/nearest");
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(0.01f))
                        .optPrecisions(precisions(TensorRole.WEIGHT, "bfp(4)/nearest"))
                        .build();
        float[] master = OptimizerFixture.gaussian(random, 32, 1f);
        NDArray w = fx.weight(master, SHAPE);
        for (int s = 0; s < 3; s++) {
            float[] g = OptimizerFixture.gaussian(random, 32, 1f);
            q.beginStep(s, 1f, false);
            step(q, w, g);
            for (int i = 0; i < 32; i++) {
                master[i] = master[i] - 0.01f * g[i];
            }
            assertArrayEquals(bits(master), bits(q.masterWeight(ID, Device.cpu())), "step " + s);
            assertArrayEquals(bits(oracle(master, DIMS, p, 0L)), bits(w), "step " + s);
            assertTrue(gradientIsZero(w));
        }
        assertFalse(
                Arrays.equals(bits(master), bits(w)), "the master keeps precision the weight lost");
        assertEquals(3 * 32, q.stats(ID, TensorRole.WEIGHT).snapshot().total());
    }

    @Test
    void fp16MasterMovesInExpectationBelowHalfAnUlp() {
        int n = 20000;
        int steps = 4;
        float delta = 0x1p-13f; // a quarter of FP16's ulp just below 1 (2^-11)
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float[] g = new float[n];
        Arrays.fill(g, delta);
        Shape shape = new Shape(n);
        QuantizedOptimizer stochastic =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(1f))
                        .optMasterPrecision(Precision.parse("fp16/stochastic"))
                        .optSeed(99)
                        .build();
        QuantizedOptimizer nearest =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(1f))
                        .optMasterPrecision(Precision.parse("fp16/nearest"))
                        .build();
        NDArray ws = fx.weight(ones, shape);
        NDArray wn = fx.weight(ones, shape);
        for (int s = 0; s < steps; s++) {
            stochastic.beginStep(s, 1f, false);
            nearest.beginStep(s, 1f, false);
            step(stochastic, ws, g);
            step(nearest, wn, g);
        }
        float[] m = stochastic.masterWeight(ID, Device.cpu()).toFloatArray();
        assertTrue(OptimizerFixture.onGrid(ws, Precision.parse("fp16")), "master on FP16 grid");
        assertArrayEquals(bits(m), bits(ws), "weight precision FP32: the weight is the master");
        double mean = 0;
        for (float v : m) {
            mean += v;
        }
        mean /= n;
        double expected = 1.0 - steps * (double) delta;
        // Each step rounds to neighbours 2^-11 apart: per-element variance <= steps * ulp^2 / 4.
        double sigma = Math.sqrt(steps * Math.pow(0x1p-11, 2) / 4 / n);
        assertEquals(expected, mean, 5 * sigma, "unbiased within 5 sigma");
        for (float v : wn.toFloatArray()) {
            assertEquals(1f, v, "nearest rounding loses updates below half an ulp");
        }
    }

    @Test
    void switchingToFp32WritesTheMasterAndThenDropsIt() {
        Precision p = Precision.parse("bfp(4)/nearest");
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(0.01f))
                        .optPrecisions(ParameterPrecisions.uniform(Map.of(TensorRole.WEIGHT, p)))
                        .build();
        float[] master = OptimizerFixture.gaussian(random, 32, 1f);
        NDArray w = fx.weight(master, SHAPE);
        float[] g = OptimizerFixture.gaussian(random, 32, 1f);
        q.beginStep(0, 1f, false);
        step(q, w, g);
        q.setPrecisions(ParameterPrecisions.fp32());
        q.beginStep(1, 1f, false);
        step(q, w, g);
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 32; i++) {
                master[i] = master[i] - 0.01f * g[i];
            }
        }
        assertArrayEquals(bits(master), bits(w), "FP32 step continues from the master");
        assertNull(q.masterWeight(ID, Device.cpu()), "weight equals master: the copy is dropped");
        // A checkpoint taken now holds no master (saving used to fail on the dropped entry).
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        assertDoesNotThrow(() -> q.saveState(new java.io.DataOutputStream(bytes)));
        byte[] state = bytes.toByteArray();
        assertEquals(QuantizedOptimizer.STATE_VERSION, state[0]);
        assertEquals(0, java.nio.ByteBuffer.wrap(state, 1, 4).getInt(), "no master saved");
    }

    @Test
    void syncCopiesTheMasterIntoTheModel() {
        ai.djl.nn.core.Linear linear = ai.djl.nn.core.Linear.builder().setUnits(4).build();
        linear.initialize(fx.manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 8));
        ai.djl.nn.Parameter weight = linear.getParameters().get("weight");
        NDArray w = weight.getArray();
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(sgd(0.01f))
                        .optPrecisions(precisions(TensorRole.WEIGHT, "bfp(3)/nearest"))
                        .build();
        fx.accumulateGradient(w, OptimizerFixture.gaussian(random, 32, 1f));
        try (NDArray copy = fx.gradientCopy(w)) {
            q.update(weight.getId(), w, copy);
        }
        NDArray master = q.masterWeight(weight.getId(), Device.cpu());
        assertNotNull(master);
        assertFalse(Arrays.equals(bits(master), bits(w)));
        q.syncMasterToModel(linear.getParameters());
        assertArrayEquals(bits(master), bits(w));
    }

    @Test
    void mastersAndInnerStateSurviveSaveAndLoad() throws java.io.IOException {
        java.util.function.IntFunction<QuantizedOptimizer> make =
                updatesDone ->
                        QuantizedOptimizer.builder()
                                .setOptimizer(
                                        QuantizedSgd.builder()
                                                .setLearningRateTracker(Tracker.fixed(0.1f))
                                                .optMomentum(0.9f)
                                                // DJL keeps the update count private: restore it
                                                .optBeginNumUpdate(updatesDone)
                                                .build())
                                .optPrecisions(
                                        ParameterPrecisions.uniform(
                                                Map.of(
                                                        TensorRole.WEIGHT,
                                                        Precision.parse("bfp(4)"),
                                                        TensorRole.OPTIMIZER_STATE,
                                                        Precision.parse("fp16/stochastic"))))
                                .optMasterPrecision(Precision.parse("fp16/stochastic"))
                                .optSeed(4)
                                .build();
        float[] w0 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] g1 = OptimizerFixture.gaussian(random, 32, 1f);
        float[] g2 = OptimizerFixture.gaussian(random, 32, 1f);
        QuantizedOptimizer a = make.apply(0);
        NDArray wa = fx.weight(w0, SHAPE);
        a.beginStep(0, 1f, false);
        step(a, wa, g1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        a.saveState(new java.io.DataOutputStream(bytes));
        float[] afterFirst = wa.toFloatArray();
        a.beginStep(1, 1f, false);
        step(a, wa, g2);

        QuantizedOptimizer b = make.apply(1);
        b.loadState(
                new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                fx.manager);
        NDArray wb = fx.weight(afterFirst, SHAPE);
        b.beginStep(1, 1f, false);
        step(b, wb, g2);
        assertArrayEquals(bits(wa), bits(wb));
        assertArrayEquals(
                bits(a.masterWeight(ID, Device.cpu())), bits(b.masterWeight(ID, Device.cpu())));
    }

    @Test
    void rejectsSettingsThatBelongToTheInnerOptimizer() {
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizedOptimizer.builder().setOptimizer(sgd(1f)).optClipGrad(1f).build());
        assertThrows(IllegalArgumentException.class, () -> QuantizedOptimizer.builder().build());
        QuantizedOptimizer q = QuantizedOptimizer.builder().setOptimizer(sgd(1f)).build();
        assertThrows(IllegalArgumentException.class, () -> q.beginStep(0, 0f, false));
        assertThrows(IllegalArgumentException.class, () -> q.beginStep(-1, 1f, false));
    }

    @Test
    void quantizedStepsLeaveNoLiveArraysBehind() {
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(
                                QuantizedSgd.builder()
                                        .setLearningRateTracker(Tracker.fixed(0.01f))
                                        .optMomentum(0.9f)
                                        .build())
                        .optPrecisions(
                                ParameterPrecisions.uniform(
                                        Map.of(
                                                TensorRole.WEIGHT, Precision.parse("bfp(8)"),
                                                TensorRole.WEIGHT_GRADIENT,
                                                        Precision.parse("bfp(8)/stochastic"),
                                                TensorRole.OPTIMIZER_STATE,
                                                        Precision.parse("fp16"))))
                        .optMasterPrecision(Precision.parse("fp16/stochastic"))
                        .build();
        NDArray w = fx.weight(OptimizerFixture.gaussian(random, 32, 1f), SHAPE);
        float[] g = OptimizerFixture.gaussian(random, 32, 1f);
        q.beginStep(0, 8f, false);
        step(q, w, g);
        // Only the optimizer is measured: DJL's backward leaves its own seed array behind.
        int growth = 0;
        for (int s = 1; s < 30; s++) {
            q.beginStep(s, s % 2 == 0 ? 1f : 8f, s % 7 == 0);
            fx.accumulateGradient(w, g);
            NDArray copy = fx.gradientCopy(w);
            int before = fx.manager.getManagedArrays().size();
            q.update(ID, w, copy);
            growth += fx.manager.getManagedArrays().size() - before;
            copy.close();
        }
        assertEquals(0, growth);
    }
}
