/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import org.junit.jupiter.api.Test;

/** The graph cut of a site quantises the error exactly as worked out by hand. */
class QuantizationSiteEngineTest {

    /** Fixed point with step 0.25: 0.3 -> 0.25, -0.7 -> -0.75, 1.1 -> 1.0 (nearest even). */
    private static final Precision QUARTERS = Precision.parse("fixed(8,2)/nearest");

    private static SequentialBlock tinyNet(NDManager m, QuantizationSite site) {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(3).optBias(false).build())
                        .add(site)
                        .add(Linear.builder().setUnits(1).optBias(false).build());
        net.initialize(m, DataType.FLOAT32, new Shape(2, 2));
        net.getParameters().valueAt(0).getArray().set(new float[] {1, 2, 3, 4, 5, 6});
        net.getParameters().valueAt(1).getArray().set(new float[] {0.3f, -0.7f, 1.1f});
        return net;
    }

    private static float[] gradW1(Precision error, boolean cuts) {
        try (NDManager m = NDManager.newBaseManager()) {
            QuantizationSite site = QuantizationSite.builder().optError(error).build();
            SequentialBlock net = tinyNet(m, site);
            SiteRegistry reg = SiteRegistry.scan(net, new SiteContext(Quantizers.best(), 1L, cuts));
            for (Parameter p : net.getParameters().values()) {
                p.getArray().setRequiresGradient(true);
            }
            NDArray x = m.create(new float[] {1, -1, 0.5f, 2}, new Shape(2, 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out =
                        net.forward(new ParameterStore(m, false), new NDList(x), true)
                                .singletonOrThrow();
                gc.backward(out.sum());
            }
            int passes = reg.completeErrorPasses(false);
            assertEquals(cuts ? 1 : 0, passes);
            if (cuts) {
                QuantStats s = site.core().drainStats(TensorRole.ERROR);
                assertEquals(6, s.total());
            }
            return net.getParameters().valueAt(0).getArray().getGradient().toFloatArray();
        }
    }

    @Test
    void weightGradientUsesTheQuantisedError() {
        // dL/dh = w2 per row = [0.3, -0.7, 1.1]; quantised to [0.25, -0.75, 1.0].
        // dL/dW1[j,k] = sum_i q(e)[j] * x[i,k], with column sums of x = [1.5, 1.0].
        float[] expected = {0.375f, 0.25f, -1.125f, -0.75f, 1.5f, 1.0f};
        assertArrayEquals(expected, gradW1(QUARTERS, true), 0f);
    }

    @Test
    void withoutCutsTheErrorIsNotQuantised() {
        float[] plain = gradW1(QUARTERS, false);
        assertArrayEquals(new float[] {0.45f, 0.3f, -1.05f, -0.7f, 1.65f, 1.1f}, plain, 1e-6f);
        assertNotEquals(0.375f, plain[0]);
    }
}
