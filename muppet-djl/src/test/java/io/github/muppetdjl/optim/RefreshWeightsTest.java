/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static io.github.muppetdjl.optim.OptimizerFixture.bits;
import static io.github.muppetdjl.optim.OptimizerFixture.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;
import io.github.muppetdjl.site.SiteContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link QuantizedOptimizer#refreshWeights} makes each live weight its master quantised to the
 * current weight precision, with exactly the scalar reference's values under the documented keys;
 * back at FP32 it restores the master bit for bit.
 */
class RefreshWeightsTest {

    private static final long SEED = 11;
    private static final Precision BFP4 = Precision.parse("bfp(4)/stochastic");
    private static final Precision BFP8 = Precision.parse("bfp(8)/stochastic");

    private final AtomicReference<Map<TensorRole, Precision>> policy =
            new AtomicReference<>(Map.of());
    private OptimizerFixture fx;
    private Linear layer;
    private Parameter weight;
    private float[] w0;

    @BeforeEach
    void setUp() {
        fx = new OptimizerFixture();
        layer = Linear.builder().setUnits(4).build();
        layer.initialize(fx.manager, DataType.FLOAT32, new Shape(1, 8));
        weight = layer.getParameters().get("weight");
        w0 = OptimizerFixture.gaussian(new Random(3), 32, 1f);
        weight.getArray().set(w0);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private QuantizedOptimizer optimizer(Precision master, SiteContext owner) {
        return QuantizedOptimizer.builder()
                .setOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                .optPrecisions((id, role) -> policy.get().getOrDefault(role, Precision.FP32))
                .optMasterPrecision(master)
                .optSeed(SEED)
                .optQuantizer(Quantizers.best())
                .optWeightOwner(owner)
                .build();
    }

    private float[] expected(float[] master, Precision p, long step, RandomStream stream) {
        long key = StreamKeys.key(SEED, step, weight.getId(), stream);
        return oracle(master, new long[] {4, 8}, p, key);
    }

    @Test
    void refreshWritesTheReferenceAtEachNewPrecisionAndFp32RestoresTheMaster() {
        QuantizedOptimizer q = optimizer(Precision.FP32, null);
        NDArray live = weight.getArray();

        policy.set(Map.of(TensorRole.WEIGHT, BFP4));
        q.refreshWeights(layer.getParameters(), 3);
        assertArrayEquals(bits(expected(w0, BFP4, 3, RandomStream.WEIGHT)), bits(live));
        assertArrayEquals(bits(w0), bits(q.masterWeight(weight.getId(), Device.cpu())));

        // A finer level: requantised from the master, not from the coarse live values.
        policy.set(Map.of(TensorRole.WEIGHT, BFP8));
        q.refreshWeights(layer.getParameters(), 4);
        assertArrayEquals(bits(expected(w0, BFP8, 4, RandomStream.WEIGHT)), bits(live));

        policy.set(Map.of());
        q.refreshWeights(layer.getParameters(), 5);
        assertArrayEquals(bits(w0), bits(live), "FP32 restores the master bit for bit");
        assertNull(q.masterWeight(weight.getId(), Device.cpu()), "and drops it");
    }

    @Test
    void aNewMasterIsRoundedToTheMasterPrecisionOnItsOwnStream() {
        Precision fp16 = Precision.parse("fp16/stochastic");
        QuantizedOptimizer q = optimizer(fp16, null);
        q.refreshWeights(layer.getParameters(), 2);
        float[] master = expected(w0, fp16, 2, RandomStream.MASTER_CREATION);
        assertArrayEquals(bits(master), bits(q.masterWeight(weight.getId(), Device.cpu())));
        assertArrayEquals(bits(master), bits(weight.getArray()), "an FP32 weight is a copy");
    }

    @Test
    void frozenParametersAreLeftAlone() {
        QuantizedOptimizer q = optimizer(Precision.FP32, null);
        layer.freezeParameters(true);
        policy.set(Map.of(TensorRole.WEIGHT, BFP4));
        q.refreshWeights(layer.getParameters(), 1);
        assertArrayEquals(bits(w0), bits(weight.getArray()));
    }

    @Test
    void ownershipIsDeclaredOnceEveryWeightIsWritten() {
        SiteContext ctx = SiteContext.standalone();
        QuantizedOptimizer q = optimizer(Precision.FP32, ctx);
        policy.set(Map.of(TensorRole.WEIGHT, BFP4));
        q.refreshWeights(layer.getParameters(), 0);
        assertTrue(ctx.weightsOwnedByOptimizer());

        Linear fresh = Linear.builder().setUnits(2).build(); // not initialised yet
        q.refreshWeights(fresh.getParameters(), 0);
        assertFalse(ctx.weightsOwnedByOptimizer(), "uninitialised weights are not written");

        NDArray w = weight.getArray();
        fx.accumulateGradient(w, new float[32]);
        try (NDArray copy = fx.gradientCopy(w)) {
            q.update(weight.getId(), w, copy);
        }
        assertTrue(ctx.weightsOwnedByOptimizer(), "an applied update writes the weights");
    }

    @Test
    void rejectsBadArguments() {
        QuantizedOptimizer q = optimizer(Precision.FP32, null);
        assertThrows(IllegalArgumentException.class, () -> q.refreshWeights(null, 0));
        assertThrows(
                IllegalArgumentException.class, () -> q.refreshWeights(layer.getParameters(), -1));
    }
}
