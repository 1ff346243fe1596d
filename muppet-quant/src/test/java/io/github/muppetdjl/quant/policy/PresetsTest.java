/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.List;

class PresetsTest {

    private static final SiteDescriptor CONV = new SiteDescriptor("01Conv2d", "Conv2d");

    @Test
    void fp32QuantisesNothing() {
        for (TensorRole role : TensorRole.values()) {
            assertTrue(Presets.fp32().resolve(CONV, role).isIdentity());
        }
        assertEquals("fp32{}", Presets.fp32().toString());
    }

    @Test
    void bfpQuantisesTheFourComputeRolesStochastically() {
        Precision expected = new Precision(BlockFloatingPoint.perTensor(12), Rounding.STOCHASTIC);
        RuleBasedPolicy p = Presets.bfp(12);
        assertEquals(expected, p.resolve(CONV, TensorRole.WEIGHT));
        assertEquals(expected, p.resolve(CONV, TensorRole.ACTIVATION));
        assertEquals(expected, p.resolve(CONV, TensorRole.ERROR));
        assertEquals(expected, p.resolve(CONV, TensorRole.WEIGHT_GRADIENT));
        assertEquals(Precision.FP32, p.resolve(CONV, TensorRole.MASTER_WEIGHT));
        assertEquals(Precision.FP32, p.resolve(CONV, TensorRole.OPTIMIZER_STATE));
        assertEquals(
                "bfp12{global[WEIGHT,ACTIVATION,ERROR,WEIGHT_GRADIENT]=bfp(12)/stochastic}",
                p.toString());
    }

    @Test
    void dfp16SwitchesOnTheIntegerPathOfConvAndDenseLayersOnly() {
        Precision marker = new Precision(BlockFloatingPoint.perTensor(16), Rounding.NEAREST_EVEN);
        RuleBasedPolicy p = Presets.dfp16();
        for (String type : List.of("Conv2d", "Conv1d", "Linear")) {
            SiteDescriptor layer = new SiteDescriptor("layer", type);
            assertEquals(marker, p.resolve(layer, TensorRole.WEIGHT), type);
            for (TensorRole role : TensorRole.values()) {
                if (role != TensorRole.WEIGHT) {
                    assertEquals(Precision.FP32, p.resolve(layer, role), type + " " + role);
                }
            }
        }
        for (String type : List.of("QuantizationSite", "BatchNorm")) {
            for (TensorRole role : TensorRole.values()) {
                assertEquals(Precision.FP32, p.resolve(new SiteDescriptor("s", type), role));
            }
        }
    }

    @Test
    void mellempudiRecipeWithExemptions() {
        RuleBasedPolicy p = Presets.fp8Mellempudi(List.of("01Conv2d", "09Linear"));
        SiteDescriptor mid = new SiteDescriptor("04Conv2d", "Conv2d");
        Precision nearest = new Precision(FloatingPoint.FP8_E5M2, Rounding.NEAREST_EVEN);
        Precision stochastic = new Precision(FloatingPoint.FP8_E5M2, Rounding.STOCHASTIC);
        assertEquals(nearest, p.resolve(mid, TensorRole.WEIGHT));
        assertEquals(nearest, p.resolve(mid, TensorRole.ACTIVATION));
        assertEquals(stochastic, p.resolve(mid, TensorRole.ERROR));
        assertEquals(stochastic, p.resolve(mid, TensorRole.WEIGHT_GRADIENT));
        assertEquals(
                new Precision(FloatingPoint.FP16, Rounding.STOCHASTIC),
                p.resolve(mid, TensorRole.MASTER_WEIGHT));
        assertEquals(Precision.FP32, p.resolve(mid, TensorRole.OPTIMIZER_STATE));
        for (TensorRole role : TensorRole.values()) {
            assertEquals(Precision.FP32, p.resolve(CONV, role));
            assertEquals(Precision.FP32, p.resolve(new SiteDescriptor("09Linear", "Linear"), role));
        }
        assertEquals(nearest, Presets.fp8Mellempudi().resolve(CONV, TensorRole.WEIGHT));
    }

    @Test
    void hybridIsE4m3ForwardE5m2Backward() {
        RuleBasedPolicy p = Presets.fp8Hybrid(List.of("fc"));
        assertEquals("fp8-e4m3-sat/nearest", p.resolve(CONV, TensorRole.ACTIVATION).toString());
        assertEquals("fp8-e4m3-sat/nearest", p.resolve(CONV, TensorRole.WEIGHT).toString());
        assertEquals("fp8-e5m2/stochastic", p.resolve(CONV, TensorRole.ERROR).toString());
        assertEquals("fp8-e5m2/stochastic", p.resolve(CONV, TensorRole.WEIGHT_GRADIENT).toString());
        assertEquals(Precision.FP32, p.resolve(CONV, TensorRole.MASTER_WEIGHT));
        assertEquals(
                Precision.FP32,
                p.resolve(new SiteDescriptor("fc", "Linear"), TensorRole.ACTIVATION));
    }
}
