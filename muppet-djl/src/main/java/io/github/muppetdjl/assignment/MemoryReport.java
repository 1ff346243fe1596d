/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.List;
import java.util.Locale;

/**
 * The memory a precision assignment needs, against two baselines (docs/algorithms.md §6.6): all
 * FP32 (no master copies), and every group at the high precision (with FP32 master weights); for
 * the assignment as planned before training and as it stands after the promotions so far. Every
 * figure is {@value #LABEL}: the formats are simulated in FP32, so no memory is actually saved.
 *
 * @param allFp32 every tensor FP32, the weight its own master
 * @param allHigh every group at the high precision, FP32 masters
 * @param beforePromotions the planned assignment
 * @param afterPromotions the assignment with the promotions so far
 * @param lowShareBefore the low share of tensor elements as planned
 * @param lowShareAfter the low share after the promotions
 * @param promotions how many groups were promoted
 */
public record MemoryReport(
        MemoryBreakdown allFp32,
        MemoryBreakdown allHigh,
        MemoryBreakdown beforePromotions,
        MemoryBreakdown afterPromotions,
        double lowShareBefore,
        double lowShareAfter,
        int promotions) {

    /** What the figures are. */
    public static final String LABEL = "format storage computed from tensor shapes";

    /** Validates the fields. */
    public MemoryReport {
        if (allFp32 == null
                || allHigh == null
                || beforePromotions == null
                || afterPromotions == null) {
            throw new IllegalArgumentException("every breakdown is required");
        }
    }

    /**
     * Computes the report.
     *
     * @param groups the tensor groups
     * @param lowBefore per group, whether it was planned low
     * @param lowAfter per group, whether it is low now
     * @param candidates the precisions
     * @param stateSlots optimizer-state tensors per parameter, FP32 (2 for Adam, 1 for SGD with
     *     momentum, 0 for plain SGD)
     * @return the report
     */
    public static MemoryReport of(
            List<TensorGroup> groups,
            boolean[] lowBefore,
            boolean[] lowAfter,
            PrecisionCandidates candidates,
            int stateSlots) {
        if (stateSlots < 0) {
            throw new IllegalArgumentException("stateSlots must not be negative");
        }
        boolean[] none = new boolean[groups.size()];
        PrecisionCandidates fp32 =
                new PrecisionCandidates(
                        Precision.FP32, Precision.FP32, Precision.FP32, Precision.FP32);
        int promoted = 0;
        for (int i = 0; i < lowBefore.length; i++) {
            promoted += lowBefore[i] && !lowAfter[i] ? 1 : 0;
        }
        return new MemoryReport(
                breakdown(groups, none, fp32, false, stateSlots),
                breakdown(groups, none, candidates, true, stateSlots),
                breakdown(groups, lowBefore, candidates, true, stateSlots),
                breakdown(groups, lowAfter, candidates, true, stateSlots),
                Demotion.lowShare(groups, lowBefore),
                Demotion.lowShare(groups, lowAfter),
                promoted);
    }

    /**
     * Bytes per class when each group takes its candidate precision.
     *
     * @param groups the groups
     * @param low per group, whether it is low
     * @param c the precisions
     * @param masters whether FP32 master weights are kept
     * @param stateSlots FP32 optimizer-state tensors per parameter
     * @return the breakdown
     */
    public static MemoryBreakdown breakdown(
            List<TensorGroup> groups,
            boolean[] low,
            PrecisionCandidates c,
            boolean masters,
            int stateSlots) {
        long w = 0;
        long m = 0;
        long a = 0;
        long e = 0;
        long g = 0;
        long s = 0;
        for (TensorGroup t : groups) {
            boolean l = low[t.index()];
            w += bytes(t.weightElements(), c.forward(l));
            a += bytes(t.activationElements(), c.forward(l));
            e += bytes(t.activationElements(), c.backward(l));
            g += bytes(t.weightElements(), c.backward(l));
            m += masters ? 4 * t.weightElements() : 0;
            s += 4L * stateSlots * t.weightElements();
        }
        return new MemoryBreakdown(w, m, a, e, g, s);
    }

    private static long bytes(long elements, Precision p) {
        return (elements * p.format().bits() + 7) / 8;
    }

    /**
     * Returns how many times smaller the assignment (after promotions) is than all FP32, over every
     * class.
     *
     * @return {@code allFp32.total() / afterPromotions.total()}
     */
    public double reductionVsFp32() {
        return (double) allFp32.total() / afterPromotions.total();
    }

    /**
     * Returns how many times smaller the assignment (after promotions) is than all-high, over every
     * class.
     *
     * @return {@code allHigh.total() / afterPromotions.total()}
     */
    public double reductionVsHigh() {
        return (double) allHigh.total() / afterPromotions.total();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "memory (%s): assignment %d B (planned %d B), all-FP32 %d B, all-high %d B;"
                        + " %.2fx smaller than FP32, %.2fx than all-high; low share %.3f"
                        + " (planned %.3f), %d promotion(s); assignment by class %s",
                LABEL,
                afterPromotions.total(),
                beforePromotions.total(),
                allFp32.total(),
                allHigh.total(),
                reductionVsFp32(),
                reductionVsHigh(),
                lowShareAfter,
                lowShareBefore,
                promotions,
                afterPromotions.byClass());
    }
}
