/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.recipe;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recipe's site rules resolved against one model: exact site names to per-role precisions that
 * take priority over the controller's policy. Immutable.
 */
public final class SiteOverrides {

    /** No overrides. */
    public static final SiteOverrides NONE = new SiteOverrides(Map.of());

    private final Map<String, Map<TensorRole, Precision>> byName;

    private SiteOverrides(Map<String, Map<TensorRole, Precision>> byName) {
        this.byName = byName;
    }

    /**
     * Resolves rules against a model's sites; a later rule wins where two pick the same site and
     * role.
     *
     * @param rules the rules
     * @param sitesInForwardOrder the model's sites in forward order
     * @return the overrides
     */
    public static SiteOverrides resolve(
            List<SiteRule> rules, List<SiteDescriptor> sitesInForwardOrder) {
        Map<String, Map<TensorRole, Precision>> out = new LinkedHashMap<>();
        for (SiteRule rule : rules) {
            for (String name : rule.selector().select(sitesInForwardOrder)) {
                Map<TensorRole, Precision> roles =
                        out.computeIfAbsent(name, k -> new EnumMap<>(TensorRole.class));
                for (TensorRole role : rule.roles()) {
                    roles.put(role, rule.precision());
                }
            }
        }
        out.replaceAll((k, v) -> Map.copyOf(v));
        return new SiteOverrides(Map.copyOf(out));
    }

    /**
     * Returns the selected site names.
     *
     * @return the names
     */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /**
     * Returns {@code base} with these overrides on top ({@code base} itself when there are none).
     *
     * @param base the controller's policy
     * @return the effective policy
     */
    public PrecisionPolicy apply(PrecisionPolicy base) {
        return byName.isEmpty() ? base : new Overridden(base, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteOverrides other && other.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        byName.keySet().stream()
                .sorted()
                .forEach(
                        name -> {
                            if (b.length() > 1) {
                                b.append(", ");
                            }
                            b.append(name)
                                    .append('=')
                                    .append(new java.util.TreeMap<>(byName.get(name)));
                        });
        return b.append('}').toString();
    }

    /** The effective policy: overrides first, then the base policy. */
    private record Overridden(PrecisionPolicy base, SiteOverrides overrides)
            implements PrecisionPolicy {

        Overridden {
            Objects.requireNonNull(base);
        }

        @Override
        public Precision resolve(SiteDescriptor site, TensorRole role) {
            Map<TensorRole, Precision> roles = overrides.byName.get(site.name());
            Precision p = roles == null ? null : roles.get(role);
            return p != null ? p : base.resolve(site, role);
        }

        @Override
        public String toString() {
            return base + " with " + overrides;
        }
    }
}
