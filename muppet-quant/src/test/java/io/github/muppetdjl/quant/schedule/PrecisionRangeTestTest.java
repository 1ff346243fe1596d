/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * CPT's precision range test (docs/algorithms.md §6.5) on constructed accuracy traces: bMin is the
 * first width whose window-mean training accuracy beats the previous width's by more than the
 * threshold.
 */
class PrecisionRangeTestTest {

    /** Feeds {@code window} accuracies at the current width, checking the width asked for. */
    private static void feed(PrecisionRangeTest t, int expectedBits, double... accuracies) {
        for (double a : accuracies) {
            assertEquals(expectedBits, t.bits());
            t.record(a);
        }
    }

    @Test
    void firstWidthBeatingThePreviousByTheThresholdIsBMin() {
        PrecisionRangeTest t = new PrecisionRangeTest(new PrecisionRangeTest.Config(2, 8, 4, 0.05));
        feed(t, 2, 0.10, 0.08, 0.12, 0.10); // mean 0.10
        feed(t, 3, 0.12, 0.14, 0.13, 0.13); // mean 0.13: +0.03, not enough
        assertFalse(t.isDone());
        feed(t, 4, 0.30, 0.16, 0.20, 0.22); // mean 0.22: +0.09
        assertTrue(t.isDone());
        assertEquals(4, t.minBits());
        assertEquals(12, t.iterations());
        assertThrows(IllegalStateException.class, () -> t.record(0.5));
    }

    @Test
    void aGainEqualToTheThresholdIsNotEnough() {
        // Dyadic accuracies make the means and their difference exact: 0.25 -> 0.5 is +0.25.
        PrecisionRangeTest t = new PrecisionRangeTest(new PrecisionRangeTest.Config(2, 8, 2, 0.25));
        feed(t, 2, 0.25, 0.25);
        feed(t, 3, 0.5, 0.5);
        assertFalse(t.isDone());
        feed(t, 4, 0.875, 0.875);
        assertEquals(4, t.minBits());
    }

    @Test
    void noQualifyingWidthFallsBackToBMax() {
        PrecisionRangeTest t = new PrecisionRangeTest(new PrecisionRangeTest.Config(2, 5, 1, 0.05));
        feed(t, 2, 0.5);
        feed(t, 3, 0.51);
        feed(t, 4, 0.52);
        assertTrue(t.isDone());
        assertEquals(5, t.minBits());
        assertEquals(3, t.iterations());
    }

    @Test
    void progressSurvivesSaveAndLoad() throws IOException {
        PrecisionRangeTest.Config c = new PrecisionRangeTest.Config(2, 8, 3, 0.05);
        PrecisionRangeTest t = new PrecisionRangeTest(c);
        feed(t, 2, 0.1, 0.1, 0.1);
        feed(t, 3, 0.1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.save(new DataOutputStream(bytes));
        PrecisionRangeTest u = new PrecisionRangeTest(c);
        u.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        feed(u, 3, 0.3, 0.3); // mean (0.1 + 0.3 + 0.3) / 3 = 0.233 > 0.1 + 0.05
        assertEquals(3, u.minBits());
        assertEquals(6, u.iterations());
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> new PrecisionRangeTest.Config(8, 8, 1, 0));
        assertThrows(
                IllegalArgumentException.class, () -> new PrecisionRangeTest.Config(2, 8, 0, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PrecisionRangeTest.Config(2, 8, 1, Double.NaN));
        PrecisionRangeTest t = new PrecisionRangeTest(PrecisionRangeTest.Config.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> t.record(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> t.record(1.5));
        assertThrows(IllegalStateException.class, t::minBits);
    }
}
