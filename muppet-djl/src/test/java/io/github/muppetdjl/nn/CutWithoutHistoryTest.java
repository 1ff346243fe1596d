/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import org.junit.jupiter.api.Test;

/**
 * A site that quantises errors meets arrays without autograd history (the model's input, the output
 * of frozen layers): it must quantise the activation and leave the error alone, without asking the
 * engine for a gradient function that does not exist (which killed the JVM).
 */
class CutWithoutHistoryTest {

    private static final Precision QUARTERS = Precision.parse("fixed(8,2)/nearest");

    /** Runs {@code net} in training mode with error cuts on and returns the pending cut count. */
    private static int pendingAfterForward(NDManager m, SequentialBlock net, NDArray x) {
        SiteRegistry reg = SiteRegistry.scan(net, new SiteContext(Quantizers.best(), 1L, true));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), true).head();
            assertArrayEquals(
                    new float[] {0.25f, -0.75f, 1.0f, 2.0f}, y.toFloatArray(), 0f, "activation");
            int pending = reg.pendingCount();
            if (y.hasGradient()) {
                gc.backward(y.sum());
            }
            assertEquals(pending, reg.completeErrorPasses(false));
            return pending;
        }
    }

    private static QuantizationSite site() {
        return QuantizationSite.builder().optActivation(QUARTERS).optError(QUARTERS).build();
    }

    @Test
    void theModelInputIsQuantisedWithoutACut() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = new SequentialBlock().add(site());
            NDArray x = m.create(new float[] {0.3f, -0.7f, 1.1f, 2f}, new Shape(2, 2));
            assertEquals(0, pendingAfterForward(m, net, x));
        }
    }

    /** An identity layer whose weight can be frozen: its output equals its input. */
    private static SequentialBlock identityLayerThenSite(NDManager m, boolean frozen) {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(2).optBias(false).build())
                        .add(site());
        net.initialize(m, DataType.FLOAT32, new Shape(2, 2));
        net.getParameters().valueAt(0).getArray().set(new float[] {1, 0, 0, 1});
        net.freezeParameters(frozen);
        return net;
    }

    @Test
    void theOutputOfAFrozenLayerIsQuantisedWithoutACut() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = identityLayerThenSite(m, true);
            NDArray x = m.create(new float[] {0.3f, -0.7f, 1.1f, 2f}, new Shape(2, 2));
            assertEquals(0, pendingAfterForward(m, net, x));
        }
    }

    @Test
    void theOutputOfATrainableLayerIsCut() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = identityLayerThenSite(m, false);
            NDArray x = m.create(new float[] {0.3f, -0.7f, 1.1f, 2f}, new Shape(2, 2));
            assertEquals(1, pendingAfterForward(m, net, x));
            assertTrue(net.getParameters().valueAt(0).getArray().hasGradient());
        }
    }
}
