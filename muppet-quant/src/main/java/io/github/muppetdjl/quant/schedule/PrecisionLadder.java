/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.policy.RuleBasedPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The sequence of precisions a precision-switching controller climbs, lowest first; the last level
 * is terminal. Level {@code i} quantises the ladder's roles to {@link #precision(int)} and leaves
 * every other role (master weights, optimizer state) FP32.
 *
 * <p>The MuPPET default (Rajagopal et al., ICML 2020; docs/algorithms.md §6.1) is per-tensor block
 * floating point with stochastic rounding at 8, 12, 14 and 16 bits, then FP32, applied to weights,
 * activations, errors and weight gradients.
 */
public final class PrecisionLadder {

    private final List<Precision> levels;
    private final Set<TensorRole> roles;
    private final List<RuleBasedPolicy> policies;

    private PrecisionLadder(Builder builder) {
        this.levels = List.copyOf(builder.levels);
        this.roles = Collections.unmodifiableSet(EnumSet.copyOf(builder.roles));
        List<RuleBasedPolicy> list = new ArrayList<>();
        TensorRole[] roleArray = roles.toArray(new TensorRole[0]);
        for (int i = 0; i < levels.size(); i++) {
            RuleBasedPolicy.Builder b = RuleBasedPolicy.builder().optName("muppet-level" + i);
            if (!levels.get(i).isIdentity()) {
                b.optGlobal(levels.get(i), roleArray);
            }
            list.add(b.build());
        }
        this.policies = List.copyOf(list);
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
     * The MuPPET ladder: BFP 8 → 12 → 14 → 16 (per tensor, stochastic) → FP32.
     *
     * @return the ladder
     */
    public static PrecisionLadder muppet() {
        return ofBfp(8, 12, 14, 16);
    }

    /**
     * A ladder of per-tensor stochastic BFP levels followed by FP32, on the MuPPET roles.
     *
     * @param bits the per-element words of the BFP levels, lowest first, each in [2, 24]
     * @return the ladder
     */
    public static PrecisionLadder ofBfp(int... bits) {
        List<Precision> levels = new ArrayList<>();
        for (int b : bits) {
            levels.add(new Precision(BlockFloatingPoint.perTensor(b), Rounding.STOCHASTIC));
        }
        levels.add(Precision.FP32);
        return builder().setLevels(levels).build();
    }

    /**
     * Returns the number of levels.
     *
     * @return at least 1
     */
    public int size() {
        return levels.size();
    }

    /**
     * Returns the precision of a level.
     *
     * @param level the level, in [0, size)
     * @return its precision
     */
    public Precision precision(int level) {
        return levels.get(checkLevel(level));
    }

    /**
     * Returns the policy of a level: its precision on the ladder's roles, FP32 elsewhere. Named
     * {@code muppet-level<i>}.
     *
     * @param level the level, in [0, size)
     * @return the policy
     */
    public RuleBasedPolicy policy(int level) {
        return policies.get(checkLevel(level));
    }

    /**
     * Returns the precisions, lowest level first.
     *
     * @return an unmodifiable list
     */
    public List<Precision> levels() {
        return levels;
    }

    /**
     * Returns the roles each level quantises.
     *
     * @return an unmodifiable set
     */
    public Set<TensorRole> roles() {
        return roles;
    }

    private int checkLevel(int level) {
        if (level < 0 || level >= levels.size()) {
            throw new IllegalArgumentException(
                    "level must be in [0, " + (levels.size() - 1) + "], got " + level);
        }
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrecisionLadder other
                && levels.equals(other.levels)
                && roles.equals(other.roles);
    }

    @Override
    public int hashCode() {
        return 31 * levels.hashCode() + roles.hashCode();
    }

    /**
     * Returns {@code [p0 > p1 > ...]} followed by the roles, e.g. {@code [bfp(8)/stochastic >
     * fp32][WEIGHT,ERROR]}.
     */
    @Override
    public String toString() {
        StringJoiner l = new StringJoiner(" > ", "[", "]");
        levels.forEach(p -> l.add(p.toString()));
        StringJoiner r = new StringJoiner(",", "[", "]");
        roles.forEach(role -> r.add(role.name()));
        return l + r.toString();
    }

    /** Builds a {@link PrecisionLadder}. */
    public static final class Builder {

        private List<Precision> levels;
        private Set<TensorRole> roles =
                EnumSet.of(
                        TensorRole.WEIGHT,
                        TensorRole.ACTIVATION,
                        TensorRole.ERROR,
                        TensorRole.WEIGHT_GRADIENT);

        private Builder() {}

        /**
         * Sets the levels, lowest precision first (required).
         *
         * @param levels at least one precision, no nulls
         * @return this builder
         */
        public Builder setLevels(List<Precision> levels) {
            if (levels == null || levels.isEmpty() || levels.contains(null)) {
                throw new IllegalArgumentException("levels must be non-empty without nulls");
            }
            this.levels = new ArrayList<>(levels);
            return this;
        }

        /**
         * Sets the levels, lowest precision first (required).
         *
         * @param levels at least one precision, no nulls
         * @return this builder
         */
        public Builder setLevels(Precision... levels) {
            return setLevels(levels == null ? null : Arrays.asList(levels));
        }

        /**
         * Sets the roles every level quantises (default: weights, activations, errors and weight
         * gradients).
         *
         * @param roles at least one role
         * @return this builder
         */
        public Builder optRoles(TensorRole... roles) {
            if (roles == null || roles.length == 0 || Arrays.asList(roles).contains(null)) {
                throw new IllegalArgumentException("roles must be non-empty without nulls");
            }
            this.roles = EnumSet.copyOf(Arrays.asList(roles));
            return this;
        }

        /**
         * Builds the ladder.
         *
         * @return the ladder
         * @throws IllegalArgumentException if no levels were set
         */
        public PrecisionLadder build() {
            if (levels == null) {
                throw new IllegalArgumentException("levels must be set");
            }
            return new PrecisionLadder(this);
        }
    }
}
