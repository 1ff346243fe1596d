/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.Map;
import java.util.Objects;

/**
 * The policy currently in force, and a listener-free way to learn that it changed.
 *
 * <p>The training loop calls {@link #update} once before each batch; it asks the schedule and, if
 * the answer is not {@code equals} to the policy in force, installs it and increments {@link
 * #generation()}. Per-site code that caches resolved precisions keeps the generation it resolved at
 * and re-resolves when {@code generation()} differs, so a change takes effect at the next batch
 * without rebuilding the model and without callbacks. This object is itself a {@link
 * PrecisionPolicy} that delegates to the policy in force.
 *
 * <p>Thread-safe: {@code update} is synchronized; readers see the policy and generation through
 * volatile fields (the policy is written before the generation, so a reader that sees a new
 * generation also sees its policy).
 */
public final class ActivePolicy implements PrecisionPolicy {

    private final PrecisionSchedule schedule;
    private volatile PrecisionPolicy current;
    private volatile long generation;

    /**
     * Creates the tracker, starting with the schedule's policy at step 0, epoch 0 and no metrics
     * (generation 0).
     *
     * @param schedule the schedule
     */
    public ActivePolicy(PrecisionSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        this.schedule = schedule;
        this.current = Objects.requireNonNull(schedule.policyAt(0, 0, Map.of()), "policy");
    }

    /**
     * Asks the schedule for the batch at {@code (step, epoch)} and installs its answer if it
     * differs from the policy in force.
     *
     * @param step optimizer steps taken so far
     * @param epoch the 0-based epoch
     * @param metrics the latest reported metrics by name
     * @return true if the policy changed (and {@link #generation()} was incremented)
     */
    public synchronized boolean update(long step, int epoch, Map<String, Double> metrics) {
        PrecisionPolicy next = schedule.policyAt(step, epoch, metrics == null ? Map.of() : metrics);
        if (next == null) {
            throw new IllegalStateException("schedule " + schedule + " returned null");
        }
        if (next.equals(current)) {
            return false;
        }
        current = next;
        generation++;
        return true;
    }

    /**
     * Returns the policy in force.
     *
     * @return the policy
     */
    public PrecisionPolicy current() {
        return current;
    }

    /**
     * Returns how many times the policy has changed since this tracker was created.
     *
     * @return the generation, starting at 0
     */
    public long generation() {
        return generation;
    }

    /**
     * Returns the schedule this tracker follows.
     *
     * @return the schedule
     */
    public PrecisionSchedule schedule() {
        return schedule;
    }

    @Override
    public Precision resolve(SiteDescriptor site, TensorRole role) {
        return current.resolve(site, role);
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
