/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of a {@link RuleBasedPolicy}: the sites it matches ({@code scope} and {@code key}), the
 * tensor roles it sets and the precision it gives them.
 *
 * <p>Its text form, used in the policy's one-line {@code toString()}, is {@code
 * scope(key)=precision} for a rule covering every role and {@code scope(key)[ROLE,ROLE]=precision}
 * otherwise; the global scope has no key: {@code global[ERROR]=fp8-e5m2/stochastic}.
 *
 * @param scope what the rule matches
 * @param key the block type, name pattern or exact name; empty for {@link RuleScope#GLOBAL}
 * @param roles the roles the rule sets, never empty (all six roles when the rule covers every role)
 * @param precision the precision given to those roles
 */
public record PolicyRule(RuleScope scope, String key, Set<TensorRole> roles, Precision precision) {

    private static final Set<TensorRole> ALL_ROLES =
            Collections.unmodifiableSet(EnumSet.allOf(TensorRole.class));

    /** Validates the fields; an empty role set means every role. */
    public PolicyRule {
        if (scope == null || precision == null) {
            throw new IllegalArgumentException("scope and precision must not be null");
        }
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (scope == RuleScope.GLOBAL && !key.isEmpty()) {
            throw new IllegalArgumentException("key must be empty for a global rule, got " + key);
        }
        if (scope != RuleScope.GLOBAL && key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty for a " + scope + " rule");
        }
        if (scope == RuleScope.NAME_PATTERN) {
            try {
                Pattern.compile(key);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "key must be a valid regular expression: " + e.getMessage(), e);
            }
        }
        if (roles == null || roles.contains(null)) {
            throw new IllegalArgumentException("roles must not be null or contain null");
        }
        roles = roles.isEmpty() ? ALL_ROLES : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /**
     * Returns whether this rule sets every tensor role.
     *
     * @return true if all six roles are covered
     */
    public boolean coversAllRoles() {
        return roles.size() == ALL_ROLES.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scope.label());
        if (scope != RuleScope.GLOBAL) {
            sb.append('(').append(key).append(')');
        }
        if (!coversAllRoles()) {
            StringJoiner names = new StringJoiner(",", "[", "]");
            roles.forEach(r -> names.add(r.name()));
            sb.append(names);
        }
        return sb.append('=').append(precision).toString();
    }
}
