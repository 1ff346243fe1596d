/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.util.Map;
import java.util.function.IntFunction;

/**
 * CPT cyclic precision (Fu et al., CPT: Efficient Deep Neural Network Training via Cyclic
 * Precision, ICLR 2021; docs/algorithms.md §6.5): the forward bit-width (weights, activations) at
 * iteration {@code t} follows a cosine cycle between {@code bMin} and {@code bMax},
 *
 * <pre>
 *     b(t) = rint( bMin + 0.5 (bMax - bMin) (1 - cos(pi (t mod T) / T)) ),   T = floor(totalIters / N)
 * </pre>
 *
 * with {@link Math#rint} (ties to even) and N cycles (default 32). With (3, 8) and T = 2000: b(0) =
 * 3, b(500) = 4, b(1000) = 6, b(1999) = 8, b(2000) = 3. Iterations beyond {@code totalIters} keep
 * cycling. The backward (error) precision stays at {@code backwardBits}.
 *
 * <p>Cost per iteration, as CPT reports it, is {@code (b_fw^2 + 2 b_fw b_bw) / 3} (one forward and
 * two backward products per layer); {@link #relativeCost(long)} divides it by the static
 * baseline's, which trains at {@code bMax} forward with the same backward bits.
 *
 * <p>This class is the formula only; the range-based linear quantiser and the precision range test
 * of the paper are not part of it. {@link #asSchedule} turns it into a {@link PrecisionSchedule} by
 * step with a caller-supplied policy per bit-width.
 */
public final class CyclicPrecisionSchedule {

    private final int minBits;
    private final int maxBits;
    private final long totalIterations;
    private final int cycles;
    private final int backwardBits;
    private final long period;

    private CyclicPrecisionSchedule(Builder b) {
        this.minBits = b.minBits;
        this.maxBits = b.maxBits;
        this.totalIterations = b.totalIterations;
        this.cycles = b.cycles;
        this.backwardBits = b.backwardBits;
        this.period = totalIterations / cycles;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the forward bit-width at an iteration.
     *
     * @param iteration the 0-based iteration, at least 0
     * @return {@code b(t)}, in [bMin, bMax]
     */
    public int bitsAt(long iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be at least 0, got " + iteration);
        }
        double phase = Math.PI * (iteration % period) / period;
        return (int) Math.rint(minBits + 0.5 * (maxBits - minBits) * (1 - Math.cos(phase)));
    }

    /**
     * Returns CPT's per-iteration cost measure {@code (b_fw^2 + 2 b_fw b_bw) / 3}.
     *
     * @param forwardBits {@code b_fw}
     * @param backwardBits {@code b_bw}
     * @return the cost in squared bits
     */
    public static double iterationCost(int forwardBits, int backwardBits) {
        return (forwardBits * (double) forwardBits + 2.0 * forwardBits * backwardBits) / 3.0;
    }

    /**
     * Returns the cost at an iteration relative to the static baseline ({@code bMax} forward, the
     * same backward bits).
     *
     * @param iteration the 0-based iteration
     * @return a ratio in (0, 1]
     */
    public double relativeCost(long iteration) {
        return iterationCost(bitsAt(iteration), backwardBits)
                / iterationCost(maxBits, backwardBits);
    }

    /**
     * Returns the mean of {@link #relativeCost(long)} over iterations {@code [0, totalIters)}.
     *
     * @return the run's cost relative to static {@code bMax} training
     */
    public double averageRelativeCost() {
        double sum = 0;
        for (long t = 0; t < totalIterations; t++) {
            sum += relativeCost(t);
        }
        return sum / totalIterations;
    }

    /**
     * Returns a schedule by optimizer step whose policy at step {@code t} is {@code
     * policyForBits.apply(b(t))}; policies are built once per bit-width.
     *
     * @param policyForBits the policy for a forward bit-width in [bMin, bMax]
     * @return the schedule
     */
    public PrecisionSchedule asSchedule(IntFunction<? extends PrecisionPolicy> policyForBits) {
        PrecisionPolicy[] byBits = new PrecisionPolicy[maxBits + 1];
        for (int b = minBits; b <= maxBits; b++) {
            byBits[b] = policyForBits.apply(b);
            if (byBits[b] == null) {
                throw new IllegalArgumentException(
                        "policyForBits returned null for " + b + " bits");
            }
        }
        String description = toString();
        return new PrecisionSchedule() {
            @Override
            public PrecisionPolicy policyAt(long step, int epoch, Map<String, Double> metrics) {
                return byBits[bitsAt(step)];
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /**
     * Returns the period {@code T = floor(totalIters / N)}.
     *
     * @return the period in iterations, at least 1
     */
    public long period() {
        return period;
    }

    /**
     * Returns the constant backward bit-width.
     *
     * @return {@code b_bw}
     */
    public int backwardBits() {
        return backwardBits;
    }

    @Override
    public String toString() {
        return "cpt{bits="
                + minBits
                + ".."
                + maxBits
                + ", period="
                + period
                + ", cycles="
                + cycles
                + ", backwardBits="
                + backwardBits
                + "}";
    }

    /** Builds a {@link CyclicPrecisionSchedule}. */
    public static final class Builder {

        private int minBits;
        private int maxBits;
        private long totalIterations;
        private int cycles = 32;
        private int backwardBits = 8;

        private Builder() {}

        /**
         * Sets the forward bit range (required).
         *
         * @param minBits {@code bMin}, in [1, 32]
         * @param maxBits {@code bMax}, in [bMin, 32]; the static baseline
         * @return this builder
         */
        public Builder setBitRange(int minBits, int maxBits) {
            this.minBits = minBits;
            this.maxBits = maxBits;
            return this;
        }

        /**
         * Sets the total number of training iterations (required).
         *
         * @param totalIterations at least the number of cycles
         * @return this builder
         */
        public Builder setTotalIterations(long totalIterations) {
            this.totalIterations = totalIterations;
            return this;
        }

        /**
         * Sets the number of cycles N (default 32).
         *
         * @param cycles at least 1
         * @return this builder
         */
        public Builder optCycles(int cycles) {
            this.cycles = cycles;
            return this;
        }

        /**
         * Sets the constant backward bit-width (default 8).
         *
         * @param backwardBits in [1, 32]
         * @return this builder
         */
        public Builder optBackwardBits(int backwardBits) {
            this.backwardBits = backwardBits;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if a setting is missing or out of range
         */
        public CyclicPrecisionSchedule build() {
            if (minBits < 1 || minBits > 32) {
                throw new IllegalArgumentException("minBits must be in [1, 32], got " + minBits);
            }
            if (maxBits < minBits || maxBits > 32) {
                throw new IllegalArgumentException(
                        "maxBits must be in [" + minBits + ", 32], got " + maxBits);
            }
            if (cycles < 1) {
                throw new IllegalArgumentException("cycles must be at least 1, got " + cycles);
            }
            if (totalIterations < cycles) {
                throw new IllegalArgumentException(
                        "totalIterations must be at least cycles ("
                                + cycles
                                + "), got "
                                + totalIterations);
            }
            if (backwardBits < 1 || backwardBits > 32) {
                throw new IllegalArgumentException(
                        "backwardBits must be in [1, 32], got " + backwardBits);
            }
            return new CyclicPrecisionSchedule(this);
        }
    }
}
