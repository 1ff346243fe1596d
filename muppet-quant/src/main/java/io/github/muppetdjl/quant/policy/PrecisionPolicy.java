/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.EnumMap;
import java.util.Map;

/**
 * Resolves the precision of every (site, role). Policies are immutable specs: they hold no training
 * state, so swapping one in takes effect at the next batch without touching the model.
 */
public interface PrecisionPolicy {

    /**
     * Returns the precision of one tensor role at one site.
     *
     * @param site the site
     * @param role the tensor role
     * @return the precision; {@link Precision#FP32} leaves the tensor untouched
     */
    Precision resolve(SiteDescriptor site, TensorRole role);

    /**
     * A policy giving every site the same precision per role; roles not in the map stay FP32.
     *
     * @param byRole precision per role
     * @return the policy
     */
    static PrecisionPolicy uniform(Map<TensorRole, Precision> byRole) {
        Map<TensorRole, Precision> copy = new EnumMap<>(TensorRole.class);
        copy.putAll(byRole);
        return new PrecisionPolicy() {
            @Override
            public Precision resolve(SiteDescriptor site, TensorRole role) {
                return copy.getOrDefault(role, Precision.FP32);
            }

            @Override
            public String toString() {
                return "uniform" + copy;
            }
        };
    }

    /**
     * A policy that quantises nothing.
     *
     * @return the FP32 policy
     */
    static PrecisionPolicy fp32() {
        return uniform(Map.of());
    }
}
