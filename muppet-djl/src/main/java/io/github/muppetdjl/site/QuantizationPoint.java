/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

/**
 * A block that quantises something: a {@code QuantizationSite} or a quantised layer. The {@link
 * SiteRegistry} finds every point in a block tree, binds it to a {@link SiteContext}, and applies
 * the active {@link PrecisionPolicy} to it before each batch.
 */
public interface QuantizationPoint {

    /**
     * Returns the point's runtime core (descriptor, precisions, per-device state).
     *
     * @return the core
     */
    SiteCore core();

    /**
     * Resolves this point's precisions from a policy; takes effect at the next forward.
     *
     * @param policy the policy
     */
    void applyPolicy(PrecisionPolicy policy);
}
