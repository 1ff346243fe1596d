/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * MuPPET precision switching (Rajagopal et al., Multi-Precision Policy Enforced Training, ICML
 * 2020), exactly as docs/algorithms.md §6.1 specifies.
 *
 * <p>Protocol, with 0-based epochs. After the last batch of every epoch {@code e} the training side
 * adds that batch's gradients to {@link #gradientDiversity()} (one call per parameter tensor) and
 * then calls {@link #onEpochEnd(int)}. The epoch is a <em>check epoch</em> when {@code (e + 1) mod
 * r == 0} (r = {@link MuppetConfig#resolution() resolution}, default 3: epochs 2, 5, 8, ...). At a
 * check epoch, unless the current level is terminal (the last level, or any FP32 level), the
 * controller computes {@code D}, resets the sums, and:
 *
 * <ul>
 *   <li>if {@code D >= maxD}: {@code maxD = D} (no violation);
 *   <li>else {@code p = maxD / D}; if {@code p > T(e) = base + scale * exp(-decay * e)} (defaults
 *       1, 1.5, 0.1) it counts a violation. Counts are cumulative within a level: a passing check
 *       does not reset them.
 *   <li>when the count reaches the patience (default 2) it switches to the next level, resets the
 *       count and {@code maxD}.
 * </ul>
 *
 * <p><b>When a switch takes effect.</b> A switch decided by the check at the end of epoch {@code e}
 * changes {@link #currentLevel()} before {@code onEpochEnd} returns, so every batch of epoch {@code
 * e + 1} and later trains at the new level; epoch {@code e} itself was trained entirely at the old
 * level. {@link SwitchEvent#epoch()} is {@code e + 1}. At a terminal level no check runs (the sums
 * are still reset at would-be check epochs so they cannot grow without bound). Entering FP32 must
 * make the training side copy the master weights into the model and stop quantising; {@link
 * #isFullPrecision()} tells it so.
 *
 * <p>A NaN diversity (non-finite gradients, or no non-zero gradient) skips the check: it is
 * recorded with {@code violation = false} and changes neither {@code maxD} nor the count.
 *
 * <p>This is a {@link PrecisionSchedule} whose answer depends only on the current level. It is
 * thread-safe (mutators synchronized, the level read through a volatile field). Its state ({@link
 * #state()}) round-trips through {@link #save}/{@link #load}.
 */
public final class MuppetSwitchingPolicy implements PrecisionSchedule {

    private final MuppetConfig config;
    private final PrecisionLadder ladder;
    private final GradientDiversity diversity = new GradientDiversity();
    private final ViolationTracker tracker = new ViolationTracker();
    private final SwitchHistory history = new SwitchHistory();
    private volatile int level;

    /**
     * Creates a controller at level 0 with no history.
     *
     * @param config the hyperparameters
     */
    public MuppetSwitchingPolicy(MuppetConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.ladder = config.ladder();
    }

    /**
     * Creates a builder with the defaults of docs/algorithms.md §6.1.
     *
     * @return a new builder
     */
    public static MuppetSwitchingPolicyBuilder builder() {
        return new MuppetSwitchingPolicyBuilder();
    }

    /**
     * Returns the hyperparameters.
     *
     * @return the configuration
     */
    public MuppetConfig config() {
        return config;
    }

    /**
     * Ends an epoch using the diversity accumulated in {@link #gradientDiversity()}.
     *
     * @param epoch the 0-based epoch just finished, greater than any earlier one
     * @return the switch this decided, taking effect from {@code epoch + 1}, if any
     */
    public synchronized Optional<SwitchEvent> onEpochEnd(int epoch) {
        return endEpoch(epoch, OptionalDouble.empty());
    }

    /**
     * Ends an epoch with a diversity computed elsewhere (for example a hand-made trace). The value
     * is used only at a check epoch on a non-terminal level; the internal sums are reset at check
     * epochs either way.
     *
     * @param epoch the 0-based epoch just finished, greater than any earlier one
     * @param d the diversity {@code D}, at least 0, or NaN to skip the check
     * @return the switch this decided, taking effect from {@code epoch + 1}, if any
     */
    public synchronized Optional<SwitchEvent> onEpochEnd(int epoch, double d) {
        if (d < 0) {
            throw new IllegalArgumentException("diversity must be at least 0 or NaN, got " + d);
        }
        return endEpoch(epoch, OptionalDouble.of(d));
    }

    private Optional<SwitchEvent> endEpoch(int epoch, OptionalDouble given) {
        history.endEpoch(epoch);
        if (!config.isCheckEpoch(epoch)) {
            return Optional.empty();
        }
        // The live sums are read (when no value is given) and reset at every check epoch, even on
        // a terminal level, so that they cannot grow without bound.
        double d = given.isPresent() ? given.getAsDouble() : diversity.diversity();
        diversity.reset();
        return isTerminal() ? Optional.empty() : check(epoch, d);
    }

    private Optional<SwitchEvent> check(int epoch, double d) {
        DiversityCheck c =
                tracker.judge(epoch, level, d, config.threshold(epoch), config.patience());
        history.add(c);
        if (!c.switched()) {
            return Optional.empty();
        }
        SwitchEvent event = history.addSwitch(epoch + 1, level, ladder);
        tracker.reset();
        level = event.toLevel();
        return Optional.of(event);
    }

    /**
     * Returns whether the current level is terminal: the ladder's last level or an FP32 level. No
     * check runs there.
     *
     * @return true when no further switch can happen
     */
    public boolean isTerminal() {
        int l = level;
        return l == ladder.size() - 1 || ladder.precision(l).isIdentity();
    }

    /**
     * Returns whether the current level is FP32: the training side must then train on the master
     * weights and stop quantising.
     *
     * @return true at an FP32 level
     */
    public boolean isFullPrecision() {
        return ladder.precision(level).isIdentity();
    }

    @Override
    public PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics) {
        return currentPolicy();
    }

    /**
     * Returns the policy of the current level.
     *
     * @return the policy
     */
    public PrecisionPolicy currentPolicy() {
        return ladder.policy(level);
    }

    /**
     * Returns the current ladder level.
     *
     * @return the level, 0 at the start
     */
    public int currentLevel() {
        return level;
    }

    /**
     * Returns the precision of the current level.
     *
     * @return the precision
     */
    public Precision currentPrecision() {
        return ladder.precision(level);
    }

    /**
     * Returns the level an epoch was (or is being) trained at, from the switches so far.
     *
     * @param epoch a 0-based epoch
     * @return the level
     */
    public synchronized int levelAtEpoch(int epoch) {
        return history.levelAt(epoch);
    }

    /**
     * Returns how many of the first {@code epochs} epochs were trained at each level, for reports.
     *
     * @param epochs the number of epochs trained, at least 0
     * @return counts indexed by level, summing to {@code epochs}
     */
    public synchronized int[] epochsPerLevel(int epochs) {
        return history.epochsPerLevel(epochs, ladder.size());
    }

    /**
     * Returns the live gradient-diversity sums the training side adds the last batch's gradients
     * to.
     *
     * @return the accumulator
     */
    public GradientDiversity gradientDiversity() {
        return diversity;
    }

    /**
     * Returns every check so far (diversity trace and thresholds), oldest first.
     *
     * @return an immutable copy
     */
    public synchronized List<DiversityCheck> checks() {
        return history.checks();
    }

    /**
     * Returns every switch so far, oldest first.
     *
     * @return an immutable copy
     */
    public synchronized List<SwitchEvent> switches() {
        return history.switches();
    }

    /**
     * Returns the ladder.
     *
     * @return the ladder
     */
    public PrecisionLadder ladder() {
        return ladder;
    }

    /**
     * Returns a snapshot of the complete state.
     *
     * @return the state
     */
    public synchronized MuppetState state() {
        return new MuppetState(
                level,
                tracker.violations(),
                tracker.maxDiversity(),
                history.lastEpoch(),
                history.checks(),
                history.switches(),
                diversity.snapshot());
    }

    /**
     * Replaces the complete state, all or nothing.
     *
     * @param state a state from a policy with the same configuration
     * @throws IllegalArgumentException if the state does not fit this ladder; nothing changes then
     */
    public synchronized void restore(MuppetState state) {
        state.requireFits(ladder);
        diversity.restore(state.sums());
        level = state.level();
        tracker.restore(state.violations(), state.maxDiversity());
        history.restore(state);
    }

    /**
     * Writes the state in a versioned, checksummed binary form.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void save(DataOutputStream out) throws IOException {
        MuppetStateCodec.write(out, toString(), state());
    }

    /**
     * Reads a state written by {@link #save} and restores it, all or nothing: on any exception the
     * policy is unchanged.
     *
     * @param in the stream
     * @throws IOException if reading fails, the version is unknown, the data is corrupt, or it was
     *     written by a policy with a different configuration ({@link #toString()})
     */
    public void load(DataInputStream in) throws IOException {
        MuppetState state = MuppetStateCodec.read(in, toString(), ladder);
        try {
            restore(state);
        } catch (IllegalArgumentException e) {
            throw new IOException("MuPPET state does not fit this policy: " + e.getMessage(), e);
        }
    }

    /** Returns the configuration's one-line form ({@link MuppetConfig#toString()}). */
    @Override
    public String toString() {
        return config.toString();
    }
}
