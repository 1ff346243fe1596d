/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link MuppetSwitchingPolicy} has seen so far: the last epoch ended, every check and every
 * switch, and the level each epoch was trained at, derived from the switches.
 *
 * <p>Not thread-safe on its own: the policy calls it only while holding its own lock.
 */
final class SwitchHistory {

    private int lastEpoch = -1;
    private final List<DiversityCheck> checks = new ArrayList<>();
    private final List<SwitchEvent> switches = new ArrayList<>();

    /**
     * Records that an epoch ended; epochs must arrive in increasing order.
     *
     * @param epoch the 0-based epoch just finished
     * @throws IllegalArgumentException if it is not greater than the last epoch ended
     */
    void endEpoch(int epoch) {
        if (epoch <= lastEpoch) {
            throw new IllegalArgumentException(
                    "epoch must be greater than the last epoch ended ("
                            + lastEpoch
                            + "), got "
                            + epoch);
        }
        lastEpoch = epoch;
    }

    void add(DiversityCheck check) {
        checks.add(check);
    }

    /**
     * Records a switch from {@code fromLevel} to the next level of {@code ladder}.
     *
     * @param epoch the first epoch at the new level
     * @param fromLevel the level left
     * @param ladder the ladder, naming both precisions
     * @return the event
     */
    SwitchEvent addSwitch(int epoch, int fromLevel, PrecisionLadder ladder) {
        SwitchEvent event =
                new SwitchEvent(
                        epoch,
                        fromLevel,
                        fromLevel + 1,
                        ladder.precision(fromLevel),
                        ladder.precision(fromLevel + 1));
        switches.add(event);
        return event;
    }

    /** Returns the level epoch {@code epoch} was (or is being) trained at. */
    int levelAt(int epoch) {
        int l = 0;
        for (SwitchEvent s : switches) {
            if (s.epoch() <= epoch) {
                l = s.toLevel();
            }
        }
        return l;
    }

    /** Returns how many of the first {@code epochs} epochs ran at each of {@code levels} levels. */
    int[] epochsPerLevel(int epochs, int levels) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be at least 0, got " + epochs);
        }
        int[] counts = new int[levels];
        for (int e = 0; e < epochs; e++) {
            counts[levelAt(e)]++;
        }
        return counts;
    }

    int lastEpoch() {
        return lastEpoch;
    }

    List<DiversityCheck> checks() {
        return List.copyOf(checks);
    }

    List<SwitchEvent> switches() {
        return List.copyOf(switches);
    }

    /** Replaces everything with a saved state's history. */
    void restore(MuppetState state) {
        lastEpoch = state.lastEpoch();
        checks.clear();
        checks.addAll(state.checks());
        switches.clear();
        switches.addAll(state.switches());
    }
}
