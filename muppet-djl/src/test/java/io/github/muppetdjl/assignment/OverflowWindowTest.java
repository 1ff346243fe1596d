/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

/** "More than once in 100 steps": the window (step - 100, step] and its edges. */
class OverflowWindowTest {

    @Test
    void twoOverflowsNinetyNineStepsApartPromote() {
        OverflowWindow w = new OverflowWindow(100, 1);
        assertFalse(w.record(0), "one overflow is not more than one");
        assertTrue(w.record(99), "steps 0 and 99 are both in (-1, 99]");
    }

    @Test
    void twoOverflowsAHundredStepsApartDoNot() {
        OverflowWindow w = new OverflowWindow(100, 1);
        assertFalse(w.record(0));
        assertFalse(w.record(100), "step 0 left the window (0, 100]");
        assertTrue(w.record(199), "100 and 199 are in (99, 199]");
    }

    @Test
    void severalOverflowsInOneStepCountOnce() {
        OverflowWindow w = new OverflowWindow(100, 1);
        assertFalse(w.record(7));
        assertFalse(w.record(7));
        assertFalse(w.record(7));
        assertEquals(List.of(7L), w.steps());
    }

    @Test
    void theThresholdIsACountToExceed() {
        OverflowWindow w = new OverflowWindow(10, 2);
        assertFalse(w.record(1));
        assertFalse(w.record(2));
        assertTrue(w.record(10), "three in (0, 10]");
        OverflowWindow zero = new OverflowWindow(1, 0);
        assertTrue(zero.record(5), "threshold 0: the first overflow promotes");
    }

    @Test
    void aLateReportCountsAtTheLatestStep() {
        OverflowWindow w = new OverflowWindow(100, 1);
        assertFalse(w.record(5));
        assertFalse(w.record(4), "counted at step 5, once");
        assertEquals(List.of(5L), w.steps());
        assertTrue(w.record(6));
    }
}
