/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/**
 * A precision switch in a run (for MuPPET: {@link io.github.muppetdjl.quant.schedule.SwitchEvent}).
 *
 * @param epoch the 0-based epoch from which the new precision applies; at least 0
 * @param from the precision before, in its one-line text form; not empty
 * @param to the precision after; not empty
 */
public record SwitchRecord(int epoch, String from, String to) {

    /** Validates the fields. */
    public SwitchRecord {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
        }
        if (from == null || from.isEmpty() || to == null || to.isEmpty()) {
            throw new IllegalArgumentException("from and to must not be empty");
        }
    }
}
