/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.cpt;

import io.github.muppetdjl.control.GradientView;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.schedule.CyclicPrecisionSchedule;
import io.github.muppetdjl.quant.schedule.PrecisionRangeTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CPT, cyclic precision training (Fu et al., ICLR 2021; docs/algorithms.md §6.5), as a {@link
 * PrecisionController}. Use it through the {@code cpt} recipe:
 *
 * <pre>{@code
 * QuantizedTraining qt = QuantizedTraining.builder()
 *         .setRecipe(Recipes.cpt(epochs * batchesPerEpoch)).build();
 * }</pre>
 *
 * <ol>
 *   <li>Without given bounds, training starts with the {@link PrecisionRangeTest}: from 2 forward
 *       bits up, each width for a window of batches, fed each batch's training accuracy in {@link
 *       #afterBackward}; it picks {@code bMin}. These iterations train the model like any other and
 *       count in the cost.
 *   <li>Then, before every batch ({@link #beforeBatch}), the forward width (weights and
 *       activations) follows {@link CyclicPrecisionSchedule} from the step after the test: {@code
 *       b(t) = rint(bMin + (bMax - bMin)(1 - cos(pi (t mod T) / T)) / 2)}; errors stay at the
 *       backward width. The policy is {@link CptPolicies#forBits}: CPT's range-based linear
 *       quantiser, so the sites change precision every step without rebuilding the model.
 * </ol>
 *
 * <p>{@link #cost()} sums the bit-operations trained against static {@code bMax} training; {@link
 * #bitChanges()} gives the forward width per step as change points (for a timeline chart). The
 * range test's progress and result, the cost sums and the change points are checkpointed through
 * {@link #saveState}; the schedule itself is a function of the step. Not thread-safe beyond DJL's
 * single training thread.
 */
public final class CptController implements PrecisionController {

    private static final int STATE_VERSION = 1;

    private final CptConfig config;
    private final PrecisionRangeTest rangeTest;
    private final PrecisionPolicy[] byBits = new PrecisionPolicy[25];
    private int minBits;
    private long cycleStart;
    private CyclicPrecisionSchedule schedule;
    private int bits;
    private long iterations;
    private long rangeTestIterations;
    private double bitOps;
    private double staticBitOps;
    private final List<BitChange> changes = new ArrayList<>();

    private CptController(CptConfig config) {
        this.config = config;
        this.rangeTest =
                config.rangeTest() == null ? null : new PrecisionRangeTest(config.rangeTest());
        this.minBits = config.minBits();
        if (rangeTest == null) {
            schedule = schedule(minBits, 0);
        }
        this.bits = bitsAt(0);
    }

    /**
     * Returns the spec of a CPT controller.
     *
     * @param config the settings
     * @return the spec
     * @throws IllegalArgumentException if the config is null
     */
    public static PrecisionController.Spec spec(CptConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new PrecisionController.Spec() {
            @Override
            public PrecisionController create() {
                return new CptController(config);
            }

            @Override
            public String toString() {
                return config.toString();
            }
        };
    }

    private CyclicPrecisionSchedule schedule(int low, long start) {
        long period = config.period(start);
        return CyclicPrecisionSchedule.builder()
                .setBitRange(low, config.maxBits())
                .setTotalIterations(period * config.cycles())
                .optCycles(config.cycles())
                .optBackwardBits(config.backwardBits())
                .build();
    }

    private int bitsAt(long step) {
        if (schedule == null) {
            return rangeTest.bits();
        }
        return schedule.bitsAt(Math.max(0, step - cycleStart));
    }

    private PrecisionPolicy policyFor(int b) {
        if (byBits[b] == null) {
            byBits[b] = CptPolicies.forBits(b, config.backwardBits());
        }
        return byBits[b];
    }

    @Override
    public synchronized PrecisionPolicy policy() {
        return policyFor(bits);
    }

    @Override
    public synchronized PrecisionPolicy beforeBatch(long step, int epoch) {
        bits = bitsAt(step);
        BitChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (last == null || last.bits() != bits) {
            if (last != null && last.step() == step) {
                changes.set(changes.size() - 1, new BitChange(step, bits));
            } else {
                changes.add(new BitChange(step, bits));
            }
        }
        return policyFor(bits);
    }

    @Override
    public synchronized PrecisionPolicy afterBackward(GradientView gradients) {
        iterations++;
        int bw = config.backwardBits();
        bitOps += CyclicPrecisionSchedule.iterationCost(bits, bw);
        staticBitOps += CyclicPrecisionSchedule.iterationCost(config.maxBits(), bw);
        if (schedule == null) {
            double accuracy = gradients.batchAccuracy();
            if (Double.isNaN(accuracy)) {
                throw new IllegalStateException(
                        "CPT's precision range test needs each batch's predictions and labels"
                                + " (DJL's BatchData); give the bounds instead (CptConfig"
                                + ".optBounds)");
            }
            rangeTestIterations++;
            rangeTest.record(accuracy);
            if (rangeTest.isDone()) {
                minBits = rangeTest.minBits();
                cycleStart = gradients.step() + 1;
                schedule = schedule(minBits, cycleStart);
            }
        }
        return policyFor(bits);
    }

    /**
     * Returns the settings.
     *
     * @return the config
     */
    public CptConfig config() {
        return config;
    }

    /**
     * Returns the forward width in force.
     *
     * @return the width
     */
    public synchronized int forwardBits() {
        return bits;
    }

    /**
     * Returns the lower bound: given, or found by the range test.
     *
     * @return {@code bMin}, or 0 while the range test runs
     */
    public synchronized int minBits() {
        return schedule == null ? 0 : minBits;
    }

    /**
     * Returns the step at which the cycles began (after the range test; 0 with given bounds).
     *
     * @return the step
     */
    public synchronized long cycleStart() {
        return cycleStart;
    }

    /**
     * Returns the period of the cycles.
     *
     * @return T in iterations, or 0 while the range test runs
     */
    public synchronized long period() {
        return schedule == null ? 0 : schedule.period();
    }

    /**
     * Returns the bit-operations trained so far against static {@code bMax} training.
     *
     * @return the cost
     */
    public synchronized CptCost cost() {
        return new CptCost(iterations, rangeTestIterations, bitOps, staticBitOps);
    }

    /**
     * Returns the forward width per step as change points, in step order: the first entry is the
     * width at the first batch, each later one the step from which another width applied.
     *
     * @return a copy of the change points
     */
    public synchronized List<BitChange> bitChanges() {
        return List.copyOf(changes);
    }

    @Override
    public synchronized void saveState(DataOutputStream out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeBoolean(rangeTest != null);
        if (rangeTest != null) {
            rangeTest.save(out);
        }
        out.writeInt(schedule == null ? 0 : minBits);
        out.writeLong(cycleStart);
        out.writeLong(iterations);
        out.writeLong(rangeTestIterations);
        out.writeDouble(bitOps);
        out.writeDouble(staticBitOps);
        out.writeInt(changes.size());
        for (BitChange c : changes) {
            out.writeLong(c.step());
            out.writeInt(c.bits());
        }
    }

    @Override
    public synchronized void loadState(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("unknown CPT state version " + version);
        }
        if (in.readBoolean() != (rangeTest != null)) {
            throw new IOException("CPT state does not fit " + config);
        }
        PrecisionRangeTest test =
                rangeTest == null ? null : new PrecisionRangeTest(config.rangeTest());
        if (test != null) {
            test.load(in);
        }
        int low = in.readInt();
        long start = in.readLong();
        long its = in.readLong();
        long testIts = in.readLong();
        double ops = in.readDouble();
        double staticOps = in.readDouble();
        int n = in.readInt();
        if (n < 0 || its < 0 || testIts < 0 || start < 0) {
            throw new IOException("malformed CPT state");
        }
        List<BitChange> read = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            read.add(new BitChange(in.readLong(), in.readInt()));
        }
        boolean found = test == null || test.isDone();
        if (found && (low < 1 || low > config.maxBits())) {
            throw new IOException("CPT state has bMin " + low + " outside 1.." + config.maxBits());
        }
        if (test != null) {
            // All or nothing: the live test takes the progress only once everything was read.
            copy(test, rangeTest);
        }
        minBits = found ? low : 0;
        cycleStart = start;
        schedule = found ? schedule(low, start) : null;
        iterations = its;
        rangeTestIterations = testIts;
        bitOps = ops;
        staticBitOps = staticOps;
        changes.clear();
        changes.addAll(read);
        bits = changes.isEmpty() ? bitsAt(0) : changes.get(changes.size() - 1).bits();
    }

    private static void copy(PrecisionRangeTest from, PrecisionRangeTest to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            from.save(out);
        }
        to.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
