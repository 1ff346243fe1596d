/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

/**
 * What a {@link PolicyRule} matches, in increasing priority: a rule of a later constant overrides
 * any rule of an earlier one for the roles both cover (global &lt; block type &lt; name pattern
 * &lt; exact name, docs/algorithms.md §7.1).
 */
public enum RuleScope {
    /** Every site. */
    GLOBAL("global"),
    /** Sites whose {@link SiteDescriptor#blockType()} equals the key (case-sensitive). */
    BLOCK_TYPE("type"),
    /**
     * Sites whose {@link SiteDescriptor#name()} matches the key as a {@link java.util.regex.Pattern
     * Java regular expression} over the <em>whole</em> name ({@code Matcher.matches()}, not {@code
     * find()}): {@code conv.*} matches {@code conv0} but not {@code myconv0}.
     */
    NAME_PATTERN("pattern"),
    /** The site whose {@link SiteDescriptor#name()} equals the key (case-sensitive). */
    EXACT_NAME("name");

    private final String label;

    RuleScope(String label) {
        this.label = label;
    }

    /**
     * Returns the label used in {@link RuleBasedPolicy#toString()}.
     *
     * @return {@code global}, {@code type}, {@code pattern} or {@code name}
     */
    public String label() {
        return label;
    }
}
