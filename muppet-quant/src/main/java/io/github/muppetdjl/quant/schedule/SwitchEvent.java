/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.quantizer.Precision;

/**
 * A precision switch. A switch decided by the check at the end of epoch {@code e} takes effect from
 * epoch {@code e + 1}, which is {@link #epoch()}: the first epoch trained at the new level.
 *
 * @param epoch the first 0-based epoch trained at the new precision, at least 1
 * @param fromLevel the ladder level left
 * @param toLevel the ladder level entered, {@code fromLevel + 1}
 * @param from the precision left
 * @param to the precision entered
 */
public record SwitchEvent(int epoch, int fromLevel, int toLevel, Precision from, Precision to) {

    /** Validates the fields. */
    public SwitchEvent {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, got " + epoch);
        }
        if (fromLevel < 0 || toLevel != fromLevel + 1) {
            throw new IllegalArgumentException(
                    "levels must satisfy 0 <= fromLevel and toLevel = fromLevel + 1, got "
                            + fromLevel
                            + " -> "
                            + toLevel);
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to must not be null");
        }
    }

    /**
     * Returns the epoch at whose end the switch was decided.
     *
     * @return {@code epoch() - 1}
     */
    public int decidedAfterEpoch() {
        return epoch - 1;
    }

    @Override
    public String toString() {
        return "epoch " + epoch + ": " + from + " -> " + to;
    }
}
