/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.Map;

class EnhancedLossScalerTest {

    @Test
    void neverFallsBelowTheFloor() {
        EnhancedLossScaler s =
                EnhancedLossScaler.builder().optInitialScale(64f).optFloor(16f).build();
        for (int i = 0; i < 10; i++) {
            assertFalse(s.update(true));
        }
        assertEquals(16f, s.scale());
    }

    @Test
    void behavesLikeDynamicAboveTheFloor() {
        EnhancedLossScaler s =
                EnhancedLossScaler.builder().optGrowthInterval(2).optFloor(1f).build();
        s.update(true);
        assertEquals(32768f, s.scale());
        s.update(false);
        s.update(false);
        assertEquals(65536f, s.scale());
    }

    @Test
    void raisingTheFloorLiftsTheScale() {
        EnhancedLossScaler s =
                EnhancedLossScaler.builder().optInitialScale(8f).optFloor(2f).build();
        s.raiseFloor(4f);
        assertEquals(8f, s.scale(), "a floor below the scale leaves it alone");
        s.raiseFloor(1024f);
        assertEquals(1024f, s.floor());
        assertEquals(1024f, s.scale());
        s.raiseFloor(16f);
        assertEquals(1024f, s.floor(), "the floor never falls");
    }

    @Test
    void epochScheduleAppliesTheNextEpochsFloor() {
        EnhancedLossScaler s =
                EnhancedLossScaler.builder()
                        .optInitialScale(4f)
                        .optFloor(1f)
                        .optFloorByEpoch(Map.of(0, 2f, 2, 256f, 4, 4096f))
                        .build();
        assertEquals(2f, s.floor(), "epoch 0 entry applies at construction");
        s.onEpochEnd(0, 1.0);
        assertEquals(2f, s.floor());
        s.onEpochEnd(1, 1.0); // next epoch is 2
        assertEquals(256f, s.floor());
        assertEquals(256f, s.scale());
        s.onEpochEnd(2, 1.0);
        assertEquals(256f, s.floor());
        s.onEpochEnd(3, 1.0);
        assertEquals(4096f, s.floor());
        assertEquals(4096f, s.scale());
    }

    @Test
    void plateauRaisesTheFloorAfterPatienceEpochsWithoutImprovement() {
        EnhancedLossScaler s =
                EnhancedLossScaler.builder()
                        .optInitialScale(4f)
                        .optFloor(4f)
                        .optRaiseOnPlateau(2, 8f, 0.01)
                        .build();
        s.onEpochEnd(0, 1.0); // best = 1.0
        s.onEpochEnd(1, 0.5); // improves
        s.onEpochEnd(2, 0.499); // below 1 % better: no improvement (1)
        assertEquals(4f, s.floor());
        s.onEpochEnd(3, Double.NaN); // no improvement (2) -> raise
        assertEquals(32f, s.floor());
        assertEquals(32f, s.scale());
        s.onEpochEnd(4, 0.6); // count restarted: 1
        assertEquals(32f, s.floor());
        s.onEpochEnd(5, 0.1); // improves
        s.onEpochEnd(6, 0.2); // 1
        assertEquals(32f, s.floor());
        s.onEpochEnd(7, 0.3); // 2 -> raise
        assertEquals(256f, s.floor());
    }

    @Test
    void stateRoundTripsTheFloorAndPlateau() {
        EnhancedLossScaler a =
                EnhancedLossScaler.builder().optFloor(8f).optRaiseOnPlateau(2, 2f, 0).build();
        a.onEpochEnd(0, 1.0);
        a.onEpochEnd(1, 2.0);
        a.raiseFloor(64f);
        EnhancedLossScaler b =
                EnhancedLossScaler.builder().optFloor(8f).optRaiseOnPlateau(2, 2f, 0).build();
        b.restore(a.state());
        assertEquals(a.state(), b.state());
        b.onEpochEnd(2, 3.0);
        assertEquals(128f, b.floor());
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> EnhancedLossScaler.builder().optFloor(0f).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> EnhancedLossScaler.builder().optFloorByEpoch(Map.of(-1, 2f)).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> EnhancedLossScaler.builder().optRaiseOnPlateau(1, 1f, 0).build());
        EnhancedLossScaler s = EnhancedLossScaler.builder().build();
        assertThrows(IllegalArgumentException.class, () -> s.raiseFloor(Float.NaN));
    }
}
