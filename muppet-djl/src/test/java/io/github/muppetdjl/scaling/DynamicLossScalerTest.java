/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DynamicLossScalerTest {

    @Test
    void startsAt2To16ByDefault() {
        assertEquals(65536f, DynamicLossScaler.builder().build().scale());
    }

    @Test
    void overflowHalvesTheScaleAndSkipsTheStep() {
        DynamicLossScaler s = DynamicLossScaler.builder().build();
        assertFalse(s.update(true));
        assertEquals(32768f, s.scale());
        assertFalse(s.update(true));
        assertEquals(16384f, s.scale());
    }

    @Test
    void doublesAfterExactlyGrowthIntervalCleanSteps() {
        DynamicLossScaler s = DynamicLossScaler.builder().optGrowthInterval(3).build();
        assertTrue(s.update(false));
        assertTrue(s.update(false));
        assertEquals(65536f, s.scale());
        assertTrue(s.update(false));
        assertEquals(131072f, s.scale());
        assertEquals(0, s.cleanSteps());
    }

    @Test
    void overflowRestartsTheCleanStepCount() {
        DynamicLossScaler s =
                DynamicLossScaler.builder().optInitialScale(1024f).optGrowthInterval(3).build();
        s.update(false);
        s.update(false);
        s.update(true); // 512, count restarts
        s.update(false);
        s.update(false);
        assertEquals(512f, s.scale());
        s.update(false);
        assertEquals(1024f, s.scale());
    }

    @Test
    void scaleStaysWithinMinAndMax() {
        DynamicLossScaler s =
                DynamicLossScaler.builder()
                        .optInitialScale(4f)
                        .optMinScale(2f)
                        .optMaxScale(8f)
                        .optGrowthInterval(1)
                        .build();
        s.update(true);
        s.update(true);
        s.update(true);
        assertEquals(2f, s.scale());
        for (int i = 0; i < 5; i++) {
            s.update(false);
        }
        assertEquals(8f, s.scale());
    }

    @Test
    void stateRoundTrips() {
        DynamicLossScaler a = DynamicLossScaler.builder().optGrowthInterval(5).build();
        a.update(true);
        a.update(false);
        a.update(false);
        DynamicLossScaler b = DynamicLossScaler.builder().optGrowthInterval(5).build();
        b.restore(a.state());
        assertEquals(a.state(), b.state());
        for (int i = 0; i < 3; i++) {
            a.update(false);
            b.update(false);
        }
        assertEquals(65536f, b.scale());
        assertEquals(a.scale(), b.scale());
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DynamicLossScaler.builder().optGrowthInterval(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> DynamicLossScaler.builder().optInitialScale(Float.NaN).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> DynamicLossScaler.builder().optBackoffFactor(1f).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> DynamicLossScaler.builder().optGrowthFactor(1f).build());
        assertThrows(IllegalArgumentException.class, () -> LossScalerState.of(0f, 0));
    }

    @Test
    void staticScalerSkipsOverflowButKeepsItsScale() {
        StaticLossScaler s = new StaticLossScaler(128f);
        assertFalse(s.update(true));
        assertTrue(s.update(false));
        assertEquals(128f, s.scale());
        assertEquals(1f, StaticLossScaler.none().scale());
        assertThrows(IllegalArgumentException.class, () -> new StaticLossScaler(-1f));
        assertThrows(IllegalArgumentException.class, () -> s.restore(LossScalerState.of(2f, 0)));
    }
}
