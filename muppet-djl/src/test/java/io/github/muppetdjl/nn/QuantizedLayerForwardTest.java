/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.StreamKeys;
import io.github.muppetdjl.site.SiteContext;

import org.junit.jupiter.api.Test;

/**
 * Quantised layers compute their DJL parent's maths on operands quantised as the oracle says, each
 * operand on its own stream of the layer's name ({@link StreamKeys}; an unbound, unnamed layer is
 * named by its block type and index 0).
 */
class QuantizedLayerForwardTest {

    private static final Precision BFP4 = Precision.parse("bfp(4)/stochastic");
    private static final String LINEAR = "Linear#0";

    private static float[] oracle(NDArray x, Precision p, String name, RandomStream stream) {
        float[] v = x.toFloatArray();
        ScalarQuantizer.quantize(v, x.getShape().getShape(), p, StreamKeys.key(0, 0, name, stream));
        return v;
    }

    @Test
    void fp32SlotsMatchDjlLinear() {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizedLinear q = QuantizedLinear.builder().setUnits(3).build();
            q.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            NDArray x = m.randomNormal(new Shape(2, 4));
            NDArray w = q.getParameters().get("weight").getArray();
            NDArray b = q.getParameters().get("bias").getArray();
            NDArray y = q.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertArrayEquals(Linear.linear(x, w, b).head().toFloatArray(), y.toFloatArray(), 0f);
        }
    }

    @Test
    void everySlotIsQuantisedLikeTheOracle() {
        try (NDManager m = NDManager.newBaseManager()) {
            LayerPrecisions p = new LayerPrecisions(BFP4, BFP4, BFP4);
            QuantizedLinear q = QuantizedLinear.builder().setUnits(3).optPrecisions(p).build();
            q.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            NDArray x = m.randomNormal(new Shape(2, 4));
            NDArray w = q.getParameters().get("weight").getArray();
            NDArray b = q.getParameters().get("bias").getArray();
            NDArray y = q.forward(new ParameterStore(m, false), new NDList(x), false).head();

            NDArray xq = m.create(oracle(x, BFP4, LINEAR, RandomStream.ACTIVATION), x.getShape());
            NDArray wq = m.create(oracle(w, BFP4, LINEAR, RandomStream.WEIGHT), w.getShape());
            NDArray plain = Linear.linear(xq, wq, b).head();
            float[] expected = oracle(plain, BFP4, LINEAR, RandomStream.OUTPUT);
            assertArrayEquals(expected, y.toFloatArray(), 0f);

            // The functional twin computes the same.
            NDArray twin =
                    QuantizedLinear.linear(x, w, b, p, Quantizers.best(), 0, 0, LINEAR).head();
            assertArrayEquals(expected, twin.toFloatArray(), 0f);
        }
    }

    @Test
    void conv2dWeightSlotMatchesTheOracle() {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizedConv2d q =
                    QuantizedConv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .setFilters(2)
                            .optPrecisions(LayerPrecisions.weightOnly(BFP4))
                            .build();
            q.initialize(m, DataType.FLOAT32, new Shape(1, 1, 5, 5));
            NDArray x = m.randomNormal(new Shape(1, 1, 5, 5));
            NDArray w = q.getParameters().get("weight").getArray();
            NDArray b = q.getParameters().get("bias").getArray();
            NDArray y = q.forward(new ParameterStore(m, false), new NDList(x), false).head();
            NDArray wq = m.create(oracle(w, BFP4, "Conv2d#0", RandomStream.WEIGHT), w.getShape());
            assertArrayEquals(
                    Conv2d.conv2d(x, wq, b).head().toFloatArray(), y.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void identitySiteReturnsItsInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizationSite site = QuantizationSite.builder().build();
            NDArray x = m.randomNormal(new Shape(3));
            assertSame(x, site.forward(new ParameterStore(m, false), new NDList(x), true).head());
        }
    }

    @Test
    void siteQuantisesTheActivationOutsideTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizationSite site = QuantizationSite.builder().optActivation(BFP4).build();
            NDArray x = m.randomNormal(new Shape(4, 5));
            NDArray y = site.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertArrayEquals(
                    oracle(x, BFP4, "QuantizationSite#0", RandomStream.ACTIVATION),
                    y.toFloatArray(),
                    0f);
            assertArrayEquals(
                    new long[] {20, 0},
                    new long[] {
                        site.core().drainStats(TensorRole.ACTIVATION).total(),
                        site.core().drainStats(TensorRole.ACTIVATION).total()
                    });
        }
    }

    @Test
    void buildersValidate() {
        assertThrows(IllegalArgumentException.class, () -> QuantizedLinear.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizationSite.builder().optName("").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizationSite.builder().optError(null).build());
        assertThrows(IllegalArgumentException.class, () -> new LayerPrecisions(null, null, null));
    }

    @Test
    void weightsOwnedByTheOptimizerAreUsedAsTheyAre() {
        try (NDManager m = NDManager.newBaseManager()) {
            SiteContext ctx = new SiteContext(Quantizers.best(), 0L, false);
            QuantizedLinear q =
                    QuantizedLinear.builder()
                            .setUnits(3)
                            .optPrecisions(LayerPrecisions.weightOnly(BFP4))
                            .build();
            q.core().bind(ctx, 0);
            q.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            NDArray x = m.randomNormal(new Shape(2, 4));
            NDArray w = q.getParameters().get("weight").getArray();
            NDArray b = q.getParameters().get("bias").getArray();
            float[] raw = Linear.linear(x, w, b).head().toFloatArray();
            NDArray wq = m.create(oracle(w, BFP4, LINEAR, RandomStream.WEIGHT), w.getShape());
            float[] quantised = Linear.linear(x, wq, b).head().toFloatArray();

            // Owned (falsely here, w is not on the grid, so that the skip shows): the weight goes
            // in as it is and the site counts nothing.
            ctx.setWeightsOwnedByOptimizer(true);
            NDArray y = q.forward(new ParameterStore(m, false), new NDList(x), true).head();
            assertArrayEquals(raw, y.toFloatArray(), 0f);
            assertEquals(0, q.core().drainStats(TensorRole.WEIGHT).total());

            // Not owned: the layer quantises its weight itself.
            ctx.setWeightsOwnedByOptimizer(false);
            y = q.forward(new ParameterStore(m, false), new NDList(x), true).head();
            assertArrayEquals(quantised, y.toFloatArray(), 0f);
            assertEquals(w.size(), q.core().drainStats(TensorRole.WEIGHT).total());
        }
    }
}
