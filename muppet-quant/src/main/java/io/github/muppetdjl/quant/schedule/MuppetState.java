/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import java.util.List;

/**
 * The complete mutable state of a {@link MuppetSwitchingPolicy}: everything a checkpoint needs so a
 * resumed run continues at the same precision and takes the same decisions.
 *
 * @param level the current ladder level
 * @param violations violations counted at this level
 * @param maxDiversity {@code maxD} since the last switch; 0 before the first check at this level
 * @param lastEpoch the last epoch passed to {@code onEpochEnd}; -1 before the first
 * @param checks every check so far, oldest first
 * @param switches every switch so far, oldest first
 * @param sums the gradient-diversity running sums not yet consumed by a check
 */
public record MuppetState(
        int level,
        int violations,
        double maxDiversity,
        int lastEpoch,
        List<DiversityCheck> checks,
        List<SwitchEvent> switches,
        List<TensorSums> sums) {

    /** Validates the fields and copies the lists. */
    public MuppetState {
        if (level < 0) {
            throw new IllegalArgumentException("level must be at least 0, got " + level);
        }
        if (violations < 0) {
            throw new IllegalArgumentException("violations must be at least 0, got " + violations);
        }
        if (!(maxDiversity >= 0)) {
            throw new IllegalArgumentException(
                    "maxDiversity must be at least 0, got " + maxDiversity);
        }
        if (lastEpoch < -1) {
            throw new IllegalArgumentException("lastEpoch must be at least -1, got " + lastEpoch);
        }
        if (checks == null || switches == null || sums == null) {
            throw new IllegalArgumentException("checks, switches and sums must not be null");
        }
        checks = List.copyOf(checks);
        switches = List.copyOf(switches);
        sums = List.copyOf(sums);
        if (switches.size() != level) {
            throw new IllegalArgumentException(
                    "switches must number level (" + level + "), got " + switches.size());
        }
    }
}
