/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The two ways a run starts: which {@link TensorGroup}s go to the low-precision format before
 * training (docs/algorithms.md §6.6).
 */
public final class Demotion {

    private Demotion() {}

    /**
     * Lee et al.'s demotion: every group starts high; groups are demoted largest first (by {@link
     * TensorGroup#elements()}, the earlier group first on a tie) until the low share of tensor
     * elements is at least {@code ratio}. Whole groups move, so the share may overshoot.
     *
     * @param groups the groups in forward order
     * @param ratio the target low share, in [0, 1]
     * @return per group, whether it is low
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1] or NaN
     */
    public static boolean[] largestFirst(List<TensorGroup> groups, double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in [0, 1], got " + ratio);
        }
        boolean[] low = new boolean[groups.size()];
        long total = 0;
        for (TensorGroup g : groups) {
            total += g.elements();
        }
        List<TensorGroup> order = new ArrayList<>(groups);
        order.sort(
                Comparator.comparingLong(TensorGroup::elements)
                        .reversed()
                        .thenComparingInt(TensorGroup::index));
        long demoted = 0;
        for (TensorGroup g : order) {
            if (total == 0 || (double) demoted / total >= ratio) {
                break;
            }
            low[g.index()] = true;
            demoted += g.elements();
        }
        return low;
    }

    /**
     * The baseline assignment the paper compares with: every group low except the first and the
     * last (those holding the first and the last layer).
     *
     * @param groups the groups in forward order
     * @return per group, whether it is low
     */
    public static boolean[] allButFirstAndLast(List<TensorGroup> groups) {
        boolean[] low = new boolean[groups.size()];
        for (int i = 1; i < low.length - 1; i++) {
            low[i] = true;
        }
        return low;
    }

    /**
     * Returns the low share of tensor elements.
     *
     * @param groups the groups
     * @param low per group, whether it is low
     * @return low elements over all elements, 0 when there are none
     */
    public static double lowShare(List<TensorGroup> groups, boolean[] low) {
        long total = 0;
        long lowElements = 0;
        for (TensorGroup g : groups) {
            total += g.elements();
            if (low[g.index()]) {
                lowElements += g.elements();
            }
        }
        return total == 0 ? 0 : (double) lowElements / total;
    }
}
