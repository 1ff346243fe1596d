/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Largest group first, whole groups, overshoot allowed. Groups of the hand-drawn network of {@link
 * TensorGroupsTest}: elements 616, 1002 and 56, total 1674.
 */
class DemotionTest {

    static final List<TensorGroup> GROUPS =
            List.of(
                    group(0, 288, 20), // 616
                    group(1, 444, 57), // 1002
                    group(2, 20, 8)); // 56

    static TensorGroup group(int i, long activations, long weights) {
        return new TensorGroup(
                i, List.of("op" + i), List.of(), List.of(), List.of(), activations, weights);
    }

    @Test
    void theLargestGroupGoesFirstAndMayOvershoot() {
        // 1002 / 1674 = 0.5986 >= 0.5: one group, 10 points over the target.
        boolean[] low = Demotion.largestFirst(GROUPS, 0.5);
        assertArrayEquals(new boolean[] {false, true, false}, low);
        assertEquals(1002.0 / 1674, Demotion.lowShare(GROUPS, low), 1e-12);
        // Just above that share the next largest (616) must follow: (1002 + 616) / 1674 = 0.9665.
        low = Demotion.largestFirst(GROUPS, 0.6);
        assertArrayEquals(new boolean[] {true, true, false}, low);
        assertEquals(1618.0 / 1674, Demotion.lowShare(GROUPS, low), 1e-12);
        // Exactly reaching the target stops.
        assertArrayEquals(
                new boolean[] {false, true, false}, Demotion.largestFirst(GROUPS, 1002.0 / 1674));
        assertArrayEquals(new boolean[] {true, true, true}, Demotion.largestFirst(GROUPS, 0.97));
    }

    @Test
    void zeroDemotesNothingAndOneDemotesEverything() {
        assertArrayEquals(new boolean[3], Demotion.largestFirst(GROUPS, 0));
        assertArrayEquals(new boolean[] {true, true, true}, Demotion.largestFirst(GROUPS, 1));
        assertEquals(1.0, Demotion.lowShare(GROUPS, new boolean[] {true, true, true}));
    }

    @Test
    void tiesGoToTheEarlierGroup() {
        List<TensorGroup> same = List.of(group(0, 10, 0), group(1, 10, 0));
        assertArrayEquals(new boolean[] {true, false}, Demotion.largestFirst(same, 0.5));
    }

    @Test
    void theBaselineKeepsTheFirstAndLastGroupsHigh() {
        assertArrayEquals(new boolean[] {false, true, false}, Demotion.allButFirstAndLast(GROUPS));
        assertArrayEquals(new boolean[] {false}, Demotion.allButFirstAndLast(GROUPS.subList(0, 1)));
    }

    @Test
    void ratiosOutsideTheUnitIntervalAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Demotion.largestFirst(GROUPS, 1.01));
        assertThrows(IllegalArgumentException.class, () -> Demotion.largestFirst(GROUPS, -0.1));
        assertThrows(
                IllegalArgumentException.class, () -> Demotion.largestFirst(GROUPS, Double.NaN));
    }
}
