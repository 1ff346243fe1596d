/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.cpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.muppetdjl.control.GradientView;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The CPT controller (docs/algorithms.md §6.5): forward widths per step from the cyclic schedule
 * (the spec's worked values), CPT's quantisers in the policy, the precision range test before the
 * cycles, the bit-operation saving, and its state through a checkpoint.
 */
class CptControllerTest {

    private static final SiteDescriptor CONV = new SiteDescriptor("conv", "QuantizedConv2d");

    /** A batch seen by afterBackward, with a given training accuracy. */
    private static GradientView batch(long step, double accuracy) {
        return new GradientView() {
            @Override
            public long step() {
                return step;
            }

            @Override
            public int epoch() {
                return 0;
            }

            @Override
            public float lossScale() {
                return 1f;
            }

            @Override
            public boolean skipped() {
                return false;
            }

            @Override
            public EpochPosition position() {
                return EpochPosition.NOT_LAST;
            }

            @Override
            public Map<String, float[]> unscaledGradients() {
                return Map.of();
            }

            @Override
            public double batchAccuracy() {
                return accuracy;
            }
        };
    }

    /** Runs steps [from, to): beforeBatch, then afterBackward with the accuracy of the step. */
    private static void train(CptController c, long from, long to, double accuracy) {
        for (long t = from; t < to; t++) {
            c.beforeBatch(t, 0);
            c.afterBackward(batch(t, accuracy));
        }
    }

    private static int forwardBits(PrecisionPolicy p) {
        return p.resolve(CONV, TensorRole.ACTIVATION).format().bits();
    }

    private static CptController given(int min, int max, long total) {
        return (CptController)
                CptController.spec(
                                CptConfig.builder()
                                        .optBounds(min, max)
                                        .optTotalIterations(total)
                                        .build())
                        .create();
    }

    @Test
    void workedValuesOfTheSpec() {
        CptController c = given(3, 8, 64000);
        assertEquals(2000, c.period());
        assertEquals(3, forwardBits(c.beforeBatch(0, 0)));
        assertEquals(4, forwardBits(c.beforeBatch(500, 0)));
        assertEquals(6, forwardBits(c.beforeBatch(1000, 0)));
        assertEquals(8, forwardBits(c.beforeBatch(1999, 0)));
        assertEquals(3, forwardBits(c.beforeBatch(2000, 1)));
    }

    @Test
    void policyUsesCptQuantisers() {
        PrecisionPolicy p = given(3, 8, 64000).beforeBatch(1000, 0);
        assertEquals(
                Precision.parse("range(6,slice:0)/nearest"), p.resolve(CONV, TensorRole.WEIGHT));
        assertEquals(Precision.parse("range(6)/nearest"), p.resolve(CONV, TensorRole.ACTIVATION));
        assertEquals(Precision.parse("range(8)/stochastic"), p.resolve(CONV, TensorRole.ERROR));
        assertEquals(Precision.FP32, p.resolve(CONV, TensorRole.WEIGHT_GRADIENT));
        assertEquals(Precision.FP32, p.resolve(CONV, TensorRole.MASTER_WEIGHT));
    }

    @Test
    void bitChangesRecordTheSawtoothAndTheCostMatchesThePaper() {
        // One period of (3, 8), T = 2000: 36.67% fewer bit-operations than static 8/8.
        CptController c = given(3, 8, 2000 * 32);
        train(c, 0, 2000, 0.5);
        CptCost cost = c.cost();
        assertEquals(2000, cost.iterations());
        assertEquals(0, cost.rangeTestIterations());
        assertEquals(0.3667, cost.saving(), 5e-5);
        List<BitChange> changes = c.bitChanges();
        assertEquals(new BitChange(0, 3), changes.get(0));
        assertEquals(6, changes.size());
        for (int i = 1; i < changes.size(); i++) {
            assertEquals(changes.get(i - 1).bits() + 1, changes.get(i).bits());
        }
        // The epoch end asks again for the same step: no duplicate change point.
        c.beforeBatch(2000, 1);
        c.beforeBatch(2000, 1);
        assertEquals(new BitChange(2000, 3), c.bitChanges().get(6));
        assertEquals(7, c.bitChanges().size());
    }

    @Test
    void rangeTestPicksBMinThenCyclesStartAfterIt() {
        CptConfig config =
                CptConfig.builder()
                        .optRangeTest(2, 10, 0.05)
                        .optTotalIterations(30 + 32 * 100)
                        .build();
        CptController c = (CptController) CptController.spec(config).create();
        assertEquals(2, forwardBits(c.policy()));
        train(c, 0, 10, 0.10); // 2 bits
        assertEquals(0, c.minBits());
        assertEquals(3, forwardBits(c.beforeBatch(10, 0)));
        train(c, 10, 20, 0.12); // 3 bits: +0.02
        train(c, 20, 30, 0.40); // 4 bits: +0.28, bMin = 4
        assertEquals(4, c.minBits());
        assertEquals(30, c.cycleStart());
        assertEquals(100, c.period());
        assertEquals(4, forwardBits(c.beforeBatch(30, 0)));
        assertEquals(8, forwardBits(c.beforeBatch(129, 0)));
        assertEquals(4, forwardBits(c.beforeBatch(130, 0)));
        assertEquals(30, c.cost().rangeTestIterations());
        // 10 iterations each at 2, 3 and 4 bits, against 30 at 8: (2^2+2*2*8 + ...)/(3 * 64) each.
        double expected = (36 + 57 + 80) * 10 / 3.0;
        assertEquals(expected, c.cost().bitOps(), 1e-9);
    }

    @Test
    void rangeTestWithoutAccuraciesFailsWithAMessage() {
        CptController c = (CptController) CptController.spec(CptConfig.builder().build()).create();
        c.beforeBatch(0, 0);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class, () -> c.afterBackward(batch(0, Double.NaN)));
        assertEquals(true, e.getMessage().contains("optBounds"));
    }

    @Test
    void stateSurvivesACheckpoint() throws IOException {
        CptConfig config =
                CptConfig.builder().optRangeTest(2, 5, 0.05).optTotalIterations(3210).build();
        PrecisionController.Spec spec = CptController.spec(config);
        CptController a = (CptController) spec.create();
        train(a, 0, 5, 0.1); // the 2-bit window
        train(a, 5, 7, 0.5); // two of the 3-bit window's five batches
        CptController b = roundTrip(a, spec);
        assertEquals(a.cost(), b.cost());
        assertEquals(a.bitChanges(), b.bitChanges());
        assertEquals(0, b.minBits());
        train(a, 7, 10, 0.5);
        train(b, 7, 10, 0.5);
        assertEquals(3, a.minBits());
        assertEquals(3, b.minBits());
        train(a, 15, 400, 0.6);
        CptController c = roundTrip(a, spec);
        assertEquals(a.period(), c.period());
        assertEquals(a.cycleStart(), c.cycleStart());
        for (long t = 400; t < 500; t++) {
            assertSame(a.beforeBatch(t, 1), a.policy());
            assertEquals(forwardBits(a.beforeBatch(t, 1)), forwardBits(c.beforeBatch(t, 1)));
        }
    }

    private static CptController roundTrip(CptController from, PrecisionController.Spec spec)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        from.saveState(new DataOutputStream(bytes));
        CptController to = (CptController) spec.create();
        to.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return to;
    }

    @Test
    void oneLineDescriptions() {
        assertEquals(
                "cpt{bits=prt..8, prt{from=2, max=8, window=20, threshold=0.05}, backwardBits=8,"
                        + " cycles=32, iterations=unknown}",
                CptController.spec(CptConfig.builder().build()).toString());
        assertEquals(
                "cpt{bits=3..8, backwardBits=8, cycles=32, iterations=64000}",
                given(3, 8, 64000).toString());
        assertThrows(
                IllegalArgumentException.class, () -> CptConfig.builder().optBounds(5, 4).build());
    }
}
