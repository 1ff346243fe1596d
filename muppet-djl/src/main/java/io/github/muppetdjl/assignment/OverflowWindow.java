/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The promotion rule of one group: it counts the steps at which the group's low-precision tensors
 * overflowed (several tensors or roles at one step count once) and fires when more than {@code
 * threshold} of them lie within the last {@code window} steps, that is in {@code (step - window,
 * step]}. Steps come in non-decreasing order from the training listener; should one come earlier
 * than the latest recorded, it counts at the latest (training must not fail on a late report). Not
 * thread-safe.
 */
final class OverflowWindow {

    private final int window;
    private final int threshold;
    private final Deque<Long> steps = new ArrayDeque<>();

    OverflowWindow(int window, int threshold) {
        this.window = window;
        this.threshold = threshold;
    }

    /** Records an overflow at {@code step}; returns whether the group must be promoted. */
    boolean record(long reported) {
        long step = steps.isEmpty() ? reported : Math.max(reported, steps.peekLast());
        if (steps.isEmpty() || steps.peekLast() < step) {
            steps.addLast(step);
        }
        while (steps.peekFirst() <= step - window) {
            steps.removeFirst();
        }
        return steps.size() > threshold;
    }

    /** The overflowing steps inside the window, oldest first. */
    List<Long> steps() {
        return new ArrayList<>(steps);
    }

    /** Replaces the recorded steps (a restored state). */
    void restore(List<Long> recorded) {
        steps.clear();
        steps.addAll(recorded);
    }
}
