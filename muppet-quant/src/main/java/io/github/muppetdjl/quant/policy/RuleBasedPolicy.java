/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * A precision policy made of rules resolved per (site, role) by priority, in the spirit of {@code
 * torch.ao.quantization.QConfigMapping} (docs/algorithms.md §7.1).
 *
 * <p>Resolution of role {@code R} at site {@code S}: among the rules that match {@code S} and cover
 * {@code R}, the one with the highest {@link RuleScope} wins (global &lt; block type &lt; name
 * pattern &lt; exact name); among rules of the same scope, the one added <em>last</em> wins (so
 * {@code optGlobal(bfp8).optGlobal(fp32, ERROR)} gives errors FP32 and every other role BFP 8, and
 * swapping the two calls gives every role BFP 8). With no matching rule the role is {@link
 * Precision#FP32}. Name patterns are Java regular expressions matched against the whole site name
 * (see {@link RuleScope#NAME_PATTERN}); block types and exact names compare case-sensitively.
 *
 * <p>Instances are immutable and thread-safe. Resolution is memoised per {@link SiteDescriptor}
 * (the map holds one small array per distinct site, so after the first batch a lookup is one hash
 * probe and an array read). {@link #toString()} is a stable one-line description, {@code name{rule;
 * rule; ...}} with rules in priority order and, within a scope, in the order added, suitable for
 * model properties; {@link #equals(Object)} compares the name and the ordered rules.
 *
 * <pre>{@code
 * PrecisionPolicy p = RuleBasedPolicy.builder()
 *         .optName("bfp8-edges-fp32")
 *         .optGlobal(Precision.parse("bfp(8)/stochastic"), TensorRole.WEIGHT, TensorRole.ERROR)
 *         .optBlockType("BatchNorm", Precision.FP32)
 *         .optExactName("01Conv2d", Precision.FP32)
 *         .build();
 * }</pre>
 */
public final class RuleBasedPolicy implements PrecisionPolicy {

    private static final TensorRole[] ROLES = TensorRole.values();

    private final String name;
    private final List<PolicyRule> rules;
    // Rules from highest to lowest priority, patterns precompiled, so resolution scans once.
    private final List<PolicyRule> byPriority;
    private final Pattern[] patterns;
    private final ConcurrentMap<SiteDescriptor, Precision[]> cache = new ConcurrentHashMap<>();

    private RuleBasedPolicy(Builder builder) {
        this.name = builder.name;
        List<PolicyRule> sorted = new ArrayList<>(builder.rules);
        // Stable sort: within a scope the insertion order is kept.
        sorted.sort(Comparator.comparing(PolicyRule::scope));
        this.rules = List.copyOf(sorted);
        List<PolicyRule> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        this.byPriority = List.copyOf(reversed);
        this.patterns = new Pattern[byPriority.size()];
        for (int i = 0; i < patterns.length; i++) {
            PolicyRule r = byPriority.get(i);
            if (r.scope() == RuleScope.NAME_PATTERN) {
                patterns[i] = Pattern.compile(r.key());
            }
        }
    }

    /**
     * Creates a builder with no rules (every role FP32) and the name {@code rules}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this policy's name and rules, to derive a variant (for example a
     * preset with more exact-name exemptions).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder().optName(name);
        b.rules.addAll(rules);
        return b;
    }

    @Override
    public Precision resolve(SiteDescriptor site, TensorRole role) {
        Objects.requireNonNull(role, "role");
        Precision[] byRole = cache.get(Objects.requireNonNull(site, "site"));
        if (byRole == null) {
            byRole = cache.computeIfAbsent(site, this::resolveAll);
        }
        return byRole[role.ordinal()];
    }

    private Precision[] resolveAll(SiteDescriptor site) {
        Precision[] out = new Precision[ROLES.length];
        for (TensorRole role : ROLES) {
            out[role.ordinal()] = Precision.FP32;
            for (int i = 0; i < byPriority.size(); i++) {
                PolicyRule r = byPriority.get(i);
                if (r.roles().contains(role) && matches(r, patterns[i], site)) {
                    out[role.ordinal()] = r.precision();
                    break;
                }
            }
        }
        return out;
    }

    private static boolean matches(PolicyRule r, Pattern pattern, SiteDescriptor site) {
        return switch (r.scope()) {
            case GLOBAL -> true;
            case BLOCK_TYPE -> r.key().equals(site.blockType());
            case NAME_PATTERN -> pattern.matcher(site.name()).matches();
            case EXACT_NAME -> r.key().equals(site.name());
        };
    }

    /**
     * Returns the policy's name, the prefix of {@link #toString()}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the rules in priority order (scope ascending, then the order they were added).
     *
     * @return an unmodifiable list
     */
    public List<PolicyRule> rules() {
        return rules;
    }

    /**
     * Returns every role's precision at one site, indexed by {@link TensorRole#ordinal()}.
     *
     * @param site the site
     * @return a fresh array (callers may keep or modify it)
     */
    public Precision[] resolveAllRoles(SiteDescriptor site) {
        Precision[] cached =
                cache.computeIfAbsent(Objects.requireNonNull(site, "site"), this::resolveAll);
        return Arrays.copyOf(cached, cached.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleBasedPolicy other
                && name.equals(other.name)
                && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + rules.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("; ", name + "{", "}");
        rules.forEach(r -> j.add(r.toString()));
        return j.toString();
    }

    /**
     * Builds a {@link RuleBasedPolicy}. Every setting is optional: an empty policy is FP32
     * everywhere. Each {@code opt*} rule method takes the roles it sets; none means all roles.
     */
    public static final class Builder {

        private String name = "rules";
        private final List<PolicyRule> rules = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the name printed before the rules in {@link RuleBasedPolicy#toString()}.
         *
         * @param name a non-empty name without whitespace, {@code {} or {@code }}
         * @return this builder
         */
        public Builder optName(String name) {
            if (name == null || name.isEmpty() || !name.matches("[^\\s{}]+")) {
                throw new IllegalArgumentException(
                        "name must be non-empty without whitespace or braces, got '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds a rule for every site.
         *
         * @param precision the precision
         * @param roles the roles it sets; none means all roles
         * @return this builder
         */
        public Builder optGlobal(Precision precision, TensorRole... roles) {
            return optRule(RuleScope.GLOBAL, "", precision, roles);
        }

        /**
         * Adds a rule for the sites of one block type.
         *
         * @param blockType the simple class name, e.g. {@code Conv2d}, compared case-sensitively
         * @param precision the precision
         * @param roles the roles it sets; none means all roles
         * @return this builder
         */
        public Builder optBlockType(String blockType, Precision precision, TensorRole... roles) {
            return optRule(RuleScope.BLOCK_TYPE, blockType, precision, roles);
        }

        /**
         * Adds a rule for the sites whose whole name matches a Java regular expression.
         *
         * @param regex the pattern, e.g. {@code stage1\..*}
         * @param precision the precision
         * @param roles the roles it sets; none means all roles
         * @return this builder
         */
        public Builder optNamePattern(String regex, Precision precision, TensorRole... roles) {
            return optRule(RuleScope.NAME_PATTERN, regex, precision, roles);
        }

        /**
         * Adds a rule for the site with exactly this name.
         *
         * @param siteName the site name
         * @param precision the precision
         * @param roles the roles it sets; none means all roles
         * @return this builder
         */
        public Builder optExactName(String siteName, Precision precision, TensorRole... roles) {
            return optRule(RuleScope.EXACT_NAME, siteName, precision, roles);
        }

        /**
         * Adds a rule of any scope.
         *
         * @param scope what the rule matches
         * @param key the block type, pattern or name; empty for the global scope
         * @param precision the precision
         * @param roles the roles it sets; none means all roles
         * @return this builder
         */
        public Builder optRule(
                RuleScope scope, String key, Precision precision, TensorRole... roles) {
            if (roles == null) {
                throw new IllegalArgumentException("roles must not be null");
            }
            Set<TensorRole> set = EnumSet.noneOf(TensorRole.class);
            for (TensorRole role : roles) {
                if (role == null) {
                    throw new IllegalArgumentException("roles must not contain null");
                }
                set.add(role);
            }
            rules.add(new PolicyRule(scope, key, set, precision));
            return this;
        }

        /**
         * Builds the immutable policy.
         *
         * @return the policy
         */
        public RuleBasedPolicy build() {
            return new RuleBasedPolicy(this);
        }
    }
}
