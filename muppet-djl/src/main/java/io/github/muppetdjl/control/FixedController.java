/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.control;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

/** The same policy for the whole run. Stateless; {@code toString()} is {@code fixed(<policy>)}. */
public final class FixedController implements PrecisionController {

    private final PrecisionPolicy policy;

    private FixedController(PrecisionPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        this.policy = policy;
    }

    /**
     * Returns the spec of a fixed controller.
     *
     * @param policy the policy of every batch
     * @return the spec
     */
    public static PrecisionController.Spec spec(PrecisionPolicy policy) {
        FixedController c = new FixedController(policy);
        return new PrecisionController.Spec() {
            @Override
            public PrecisionController create() {
                return c; // stateless, so one instance serves every run
            }

            @Override
            public String toString() {
                return c.toString();
            }
        };
    }

    @Override
    public PrecisionPolicy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "fixed(" + policy + ")";
    }
}
