/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;

import io.github.muppetdjl.control.AttachedModel;
import io.github.muppetdjl.control.OverflowEvent;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Planning on the network of {@link TensorGroupsTest} at batch 4 (groups of 616, 1002 and 56
 * elements; ratio 0.5 demotes group 1 only), and promotion on a constructed overflow trace.
 */
class AssignmentControllerTest {

    private static final QuantStats OVERFLOW = new QuantStats(10, 1, 0, 0);
    private static final Precision FP16 = PrecisionCandidates.DEFAULT.highForward();
    private static final Precision E4M3 = PrecisionCandidates.DEFAULT.lowForward();
    private static final Precision E5M2 = PrecisionCandidates.DEFAULT.lowBackward();

    private static AssignmentController attached(AssignmentSpec spec, SequentialBlock block) {
        AssignmentController c = spec.create();
        c.onAttach(new AttachedModel(block, List.of(new Shape(4, 1, 6, 6))));
        return c;
    }

    private static Precision at(PrecisionPolicy p, String name, TensorRole role) {
        return p.resolve(new SiteDescriptor(name, "any"), role);
    }

    @Test
    void thePlanSetsEveryTensorOfAGroupAndAnOverflowTracePromotes() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = TensorGroupsTest.converted(m);
            AssignmentController c =
                    attached(AssignmentSpec.builder().optRatio(0.5).build(), block);
            List<TensorGroup> g = c.groups();
            assertFalse(c.isLow(0));
            assertTrue(c.isLow(1));
            assertFalse(c.isLow(2));
            String site1 = g.get(1).sites().get(0);
            String layer1 = g.get(1).layers().get(0);
            String param1 = g.get(1).parameters().get(0);
            String site2 = g.get(2).sites().get(0);
            PrecisionPolicy p = c.policy();
            assertEquals(E4M3, at(p, site1, TensorRole.ACTIVATION));
            assertEquals(E5M2, at(p, site1, TensorRole.ERROR));
            assertEquals(E4M3, at(p, layer1, TensorRole.WEIGHT));
            assertEquals(E5M2, at(p, layer1, TensorRole.WEIGHT_GRADIENT));
            // Layers never read these roles, but a cost estimate priced by layer name does.
            assertEquals(E4M3, at(p, layer1, TensorRole.ACTIVATION));
            assertEquals(E5M2, at(p, layer1, TensorRole.ERROR));
            assertEquals(FP16, at(p, g.get(0).layers().get(0), TensorRole.ACTIVATION));
            assertEquals(Precision.FP32, at(p, layer1, TensorRole.MASTER_WEIGHT));
            assertEquals(FP16, at(p, g.get(0).layers().get(0), TensorRole.WEIGHT));
            assertEquals(FP16, at(p, site2, TensorRole.ERROR));

            // High groups are not counted; several roles at one step count once; FP32 roles
            // (master weights) are not the assignment's.
            c.onOverflow(new OverflowEvent(1, site2, TensorRole.ERROR, OVERFLOW));
            c.onOverflow(new OverflowEvent(2, site2, TensorRole.ERROR, OVERFLOW));
            c.onOverflow(new OverflowEvent(10, site1, TensorRole.ACTIVATION, OVERFLOW));
            c.onOverflow(new OverflowEvent(10, param1, TensorRole.WEIGHT_GRADIENT, OVERFLOW));
            c.onOverflow(new OverflowEvent(20, param1, TensorRole.MASTER_WEIGHT, OVERFLOW));
            assertEquals(List.of(), c.promotions());
            assertTrue(c.isLow(1));
            PrecisionPolicy after =
                    c.onOverflow(new OverflowEvent(109, site1, TensorRole.ERROR, OVERFLOW));
            assertEquals(1, c.promotions().size());
            Promotion promotion = c.promotions().get(0);
            assertEquals(109, promotion.step());
            assertEquals(1, promotion.group());
            assertTrue(promotion.cause().startsWith("ERROR of " + site1), promotion.cause());
            assertFalse(c.isLow(1));
            assertEquals(FP16, at(after, site1, TensorRole.ACTIVATION));
            assertEquals(FP16, at(after, layer1, TensorRole.WEIGHT_GRADIENT));

            MemoryReport r = c.report();
            assertEquals(1002.0 / 1674, r.lowShareBefore(), 1e-12);
            assertEquals(0.0, r.lowShareAfter());
            assertEquals(1, r.promotions());
            assertEquals(r.allHigh(), r.afterPromotions());
        }
    }

    @Test
    void theWindowAndThePromotionsSurviveACheckpoint() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = TensorGroupsTest.converted(m);
            AssignmentSpec spec = AssignmentSpec.builder().optRatio(1).build();
            AssignmentController c = attached(spec, block);
            String site1 = c.groups().get(1).sites().get(0);
            String site2 = c.groups().get(2).sites().get(0);
            c.onOverflow(new OverflowEvent(3, site2, TensorRole.ERROR, OVERFLOW));
            c.onOverflow(new OverflowEvent(4, site2, TensorRole.ERROR, OVERFLOW));
            c.onOverflow(new OverflowEvent(10, site1, TensorRole.ERROR, OVERFLOW));
            assertEquals(1, c.promotions().size());
            byte[] state = save(c);

            // Loaded before the model is attached, as a checkpoint does for a fresh run.
            AssignmentController resumed = spec.create();
            resumed.loadState(new DataInputStream(new ByteArrayInputStream(state)));
            resumed.onAttach(new AttachedModel(block, List.of(new Shape(4, 1, 6, 6))));
            assertEquals(c.promotions(), resumed.promotions());
            assertFalse(resumed.isLow(2));
            assertTrue(resumed.isLow(1));
            assertEquals(c.policy().toString(), resumed.policy().toString());
            // The overflow at step 10 is still in the window: one more promotes.
            resumed.onOverflow(new OverflowEvent(60, site1, TensorRole.ACTIVATION, OVERFLOW));
            assertFalse(resumed.isLow(1));
            assertEquals(2, resumed.promotions().size());
        }
    }

    @Test
    void theBaselineKeepsTheEndsHighAndNeverPromotes() {
        try (NDManager m = NDManager.newBaseManager()) {
            AssignmentController c =
                    (AssignmentController) Recipes.leeBaseline().controller().create();
            c.onAttach(
                    new AttachedModel(
                            TensorGroupsTest.converted(m), List.of(new Shape(4, 1, 6, 6))));
            assertFalse(c.isLow(0));
            assertTrue(c.isLow(1));
            assertFalse(c.isLow(2));
            String site1 = c.groups().get(1).sites().get(0);
            for (long step = 0; step < 5; step++) {
                c.onOverflow(new OverflowEvent(step, site1, TensorRole.ERROR, OVERFLOW));
            }
            assertTrue(c.isLow(1));
            assertEquals(List.of(), c.promotions());
        }
    }

    @Test
    void trainingAppliesThePlanToTheModelsSitesAtTheModelsBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = TensorGroupsTest.converted(m);
            // Initialised with a batch of one: groups of 184, 336 and 26 elements, so 0.5 demotes
            // group 1, whose site is the one after flatten.
            QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.lee(50)).build();
            qt.attach(block);
            AssignmentController c = (AssignmentController) qt.getController();
            assertEquals(336, c.groups().get(1).elements());
            String site1 = c.groups().get(1).sites().get(0);
            for (var child : block.getChildren()) {
                if (child.getValue() instanceof QuantizationSite s) {
                    Precision expected = s.core().descriptor().name().equals(site1) ? E4M3 : FP16;
                    assertEquals(expected, s.getActivationPrecision(), child.getKey());
                }
            }
        }
    }

    @Test
    void specsHaveAStableOneLineFormAndRecipesByName() {
        AssignmentSpec spec = AssignmentSpec.builder().build();
        assertEquals(spec.toString(), spec.create().toString());
        assertEquals(
                "assignment(ratio=0.9, low=fp8-e4m3-sat/nearest/fp8-e5m2/stochastic,"
                        + " high=fp16/nearest/fp16/nearest, promotion=more than 1 in 100 steps,"
                        + " closers=[Conv1d, Conv2d, Conv3d, Linear], batch=model, stateSlots=2)",
                spec.toString());
        assertEquals("lee-r75", Recipes.byName("lee-r75").name());
        assertTrue(Recipes.byName("lee-r75").toString().contains("ratio=0.75"));
        assertTrue(Recipes.byName("lee").toString().contains("ratio=0.9"));
        assertTrue(Recipes.byName("lee-baseline").toString().contains("promotion=off"));
    }

    private static byte[] save(AssignmentController c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.saveState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
