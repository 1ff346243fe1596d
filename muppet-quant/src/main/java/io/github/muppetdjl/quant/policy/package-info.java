/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Precision policies: which precision each tensor role of each quantisation site gets. {@link
 * io.github.muppetdjl.quant.policy.RuleBasedPolicy} resolves rules by priority (global &lt; block
 * type &lt; name pattern &lt; exact name, docs/algorithms.md §7.1); {@link
 * io.github.muppetdjl.quant.policy.Presets} names the published recipes. Policies are immutable
 * specs; what changes over training lives in {@code io.github.muppetdjl.quant.schedule}.
 */
package io.github.muppetdjl.quant.policy;
