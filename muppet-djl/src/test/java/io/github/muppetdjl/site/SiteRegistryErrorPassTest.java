/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.SequentialBlock;

import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;

import org.junit.jupiter.api.Test;

/** An error pass the engine cannot run fails loudly, naming its site; it is never skipped. */
class SiteRegistryErrorPassTest {

    @Test
    void anEngineFailureReadingTheCutsGradientNamesTheSite() {
        QuantizationSite site = QuantizationSite.builder().optName("after-conv1").build();
        SiteRegistry reg =
                SiteRegistry.scan(
                        new SequentialBlock().add(site),
                        new SiteContext(mock(TensorQuantizer.class), 1L, true));
        NDArray cut = mock(NDArray.class);
        EngineException cause = new EngineException("the engine lost the gradient");
        when(cut.getGradient()).thenThrow(cause);
        site.core()
                .state(Device.cpu())
                .addPending(
                        new PendingCut(
                                0L,
                                mock(NDArray.class),
                                cut,
                                Precision.parse("bfp(8)/nearest"),
                                0L,
                                new StatsAccumulator()));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> reg.completeErrorPasses(false));
        assertTrue(e.getMessage().contains("after-conv1"), e.getMessage());
        assertSame(cause, e.getCause());
        assertTrue(reg.pendingCount() == 0, "the cut is drained either way");
    }
}
