/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.muppet.MuppetController;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.EnhancedLossScaler;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The built-in recipes: names, one-line forms, structural site rules, fresh state per run. */
class RecipesTest {

    /** A small CNN's sites in forward order, as the converter names them. */
    private static final List<SiteDescriptor> SITES =
            List.of(
                    new SiteDescriptor("01Conv2d", "Conv2d"),
                    new SiteDescriptor("02BatchNorm", "BatchNorm"),
                    new SiteDescriptor("04Conv2d", "Conv2d"),
                    new SiteDescriptor("05BatchNorm", "BatchNorm"),
                    new SiteDescriptor("07Linear", "Linear"),
                    new SiteDescriptor("08Linear", "Linear"));

    @Test
    void everyNameBuildsTheRecipeOfThatName() {
        for (String name : Recipes.NAMES) {
            Recipe r = Recipes.byName(name);
            assertEquals(name, r.name());
            assertEquals(r.toString(), Recipes.byName(name).toString(), "stable one-line form");
            assertTrue(r.toString().startsWith(name + "{controller="), r.toString());
            assertTrue(!r.toString().contains("\n"));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Recipes.byName("fp9"));
        assertTrue(e.getMessage().contains("fp32, muppet"), e.getMessage());
    }

    @Test
    void fp8KeepsTheFirstConvItsBatchNormAndTheLastDenseOutOfFp8() {
        Recipe fp8 = Recipes.fp8();
        SiteOverrides o = SiteOverrides.resolve(fp8.siteRules(), SITES);
        assertEquals(java.util.Set.of("01Conv2d", "02BatchNorm", "08Linear"), o.names());
        PrecisionPolicy p = o.apply(fp8.controller().create().policy());
        for (SiteDescriptor kept : List.of(SITES.get(0), SITES.get(1), SITES.get(5))) {
            assertEquals(Precision.FP32, p.resolve(kept, TensorRole.ACTIVATION));
        }
        assertEquals("fp8-e5m2/nearest", p.resolve(SITES.get(2), TensorRole.WEIGHT).toString());
        assertEquals("fp16/stochastic", fp8.masterPrecision().toString());
        assertTrue(fp8.newLossScaler() instanceof EnhancedLossScaler);
        assertNotSame(fp8.newLossScaler(), fp8.newLossScaler(), "one scaler per run");
        assertTrue(
                fp8.toString().contains("firstConv=fp32") && fp8.toString().contains("lastDense"),
                fp8.toString());
    }

    @Test
    void selectorsFindStructureNotNames() {
        assertEquals(List.of("01Conv2d"), SiteSelector.firstConv().select(SITES));
        assertEquals(List.of("02BatchNorm"), SiteSelector.firstConvBatchNorm().select(SITES));
        assertEquals(List.of("08Linear"), SiteSelector.lastDense().select(SITES));
        assertEquals(
                List.of("02BatchNorm", "05BatchNorm"),
                SiteSelector.every("BatchNorm").select(SITES));
        List<SiteDescriptor> dense = List.of(new SiteDescriptor("fc", "Linear"));
        assertEquals(List.of(), SiteSelector.firstConv().select(dense));
        assertEquals(List.of(), SiteSelector.firstConvBatchNorm().select(dense));
    }

    /** The Mellempudi selectors in order, without duplicates. */
    private static List<String> keptByFp8(List<SiteDescriptor> sites) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (SiteSelector s :
                List.of(
                        SiteSelector.firstConv(),
                        SiteSelector.firstConvBatchNorm(),
                        SiteSelector.lastDense())) {
            out.addAll(s.select(sites));
        }
        return List.copyOf(out);
    }

    @Test
    void highPrecisionSitesAreFirstConvItsBatchNormAndLastDense() {
        List<SiteDescriptor> cnn =
                List.of(
                        new SiteDescriptor("01Conv2d", "Conv2d"),
                        new SiteDescriptor("02BatchNorm", "BatchNorm"),
                        new SiteDescriptor("04Conv2d", "Conv2d"),
                        new SiteDescriptor("05BatchNorm", "BatchNorm"),
                        new SiteDescriptor("08Linear", "Linear"),
                        new SiteDescriptor("10Linear", "Linear"));
        assertEquals(List.of("01Conv2d", "02BatchNorm", "10Linear"), keptByFp8(cnn));
        // A batch norm after a second conv is not the first conv's.
        List<SiteDescriptor> noBn =
                List.of(
                        new SiteDescriptor("c1", "Conv2d"),
                        new SiteDescriptor("c2", "Conv2d"),
                        new SiteDescriptor("bn", "BatchNorm"),
                        new SiteDescriptor("fc", "Linear"));
        assertEquals(List.of("c1", "fc"), keptByFp8(noBn));
        assertEquals(List.of("fc"), keptByFp8(List.of(new SiteDescriptor("fc", "Linear"))));
        assertEquals(List.of(), keptByFp8(List.of()));
    }

    @Test
    void eachRunGetsAFreshController() {
        Recipe muppet = Recipes.muppet();
        MuppetController a = (MuppetController) muppet.controller().create();
        MuppetController b = (MuppetController) muppet.controller().create();
        assertNotSame(a, b);
        assertEquals(muppet.controller().toString(), a.toString());
        assertEquals(0, a.switching().currentLevel());
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> Recipe.builder().setName("x").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Recipe.builder().setName("a b").setPolicy(PrecisionPolicy.fp32()).build());
        EnhancedLossScaler shared = EnhancedLossScaler.builder().build();
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        Recipe.builder()
                                .setName("x")
                                .setPolicy(PrecisionPolicy.fp32())
                                .optLossScaler(() -> shared)
                                .build());
    }

    @Test
    void cptRecipesKeepTheLastDenseFp32AndCycleFromTheRangeTest() {
        Recipe cpt = Recipes.byName("cpt");
        assertEquals("cpt", cpt.name());
        assertEquals(
                "cpt{bits=prt..8, prt{from=2, max=8, window=20, threshold=0.05}, backwardBits=8,"
                        + " cycles=32, iterations=unknown}",
                cpt.controller().toString());
        Recipe fixed = Recipes.byName("cpt-static8");
        assertEquals("cpt-static8", fixed.name());
        assertEquals(
                io.github.muppetdjl.cpt.CptPolicies.forBits(8, 8),
                fixed.controller().create().policy());
        assertEquals(cpt.siteRules(), fixed.siteRules());
        assertEquals(1, cpt.siteRules().size());
    }
}
