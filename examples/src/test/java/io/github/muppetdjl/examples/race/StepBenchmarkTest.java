/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The step benchmark reports medians, which one stalled step cannot move, and checks its input. */
class StepBenchmarkTest {

    @Test
    void medianOfOddAndEvenCountsIgnoresOneStall() {
        long[] odd = {30, 900, 10, 20, 40};
        assertEquals(30.0, StepBenchmark.median(odd));
        // The caller's array is left as it was.
        assertArrayEquals(new long[] {30, 900, 10, 20, 40}, odd);
        assertEquals(25.0, StepBenchmark.median(new long[] {40, 10, 20, 30}));
        assertEquals(7.0, StepBenchmark.median(new long[] {7}));
        // A mean would give 200 here; the median stays with the typical steps.
        assertEquals(20.0, StepBenchmark.median(new long[] {20, 20, 20, 20, 920}));
    }

    @Test
    void rejectsNegativeWarmupAndNoTimedSteps() {
        assertThrows(IllegalArgumentException.class, () -> new StepBenchmark(-1, 5, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new StepBenchmark(0, 0, 1, null));
    }
}
