/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.recipe;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A structural rule of a recipe: the sites a selector picks take {@code precision} for {@code
 * roles}, whatever the controller's policy says (the rule has the priority of an exact-name rule,
 * docs/algorithms.md §7.1).
 *
 * @param selector which sites
 * @param precision their precision
 * @param roles for which roles (all roles when built with {@link #allRoles})
 */
public record SiteRule(SiteSelector selector, Precision precision, Set<TensorRole> roles) {

    /** Validates and copies the fields. */
    public SiteRule {
        if (selector == null || precision == null || roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException(
                    "selector, precision and a non-empty set of roles are required");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * A rule for every role.
     *
     * @param selector which sites
     * @param precision their precision for every role
     * @return the rule
     */
    public static SiteRule allRoles(SiteSelector selector, Precision precision) {
        return new SiteRule(selector, precision, EnumSet.allOf(TensorRole.class));
    }

    @Override
    public String toString() {
        String r =
                roles.size() == TensorRole.values().length
                        ? ""
                        : roles.stream()
                                .sorted()
                                .map(x -> x.name().toLowerCase(java.util.Locale.ROOT))
                                .collect(Collectors.joining(",", "[", "]"));
        return selector + r + "=" + precision;
    }
}
