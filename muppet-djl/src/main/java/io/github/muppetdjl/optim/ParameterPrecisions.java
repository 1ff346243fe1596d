/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.EnumMap;
import java.util.Map;

/**
 * The precision of each optimizer-side tensor of each parameter. Optimizers ask for the roles
 * {@link TensorRole#WEIGHT}, {@link TensorRole#WEIGHT_GRADIENT}, {@link TensorRole#OPTIMIZER_STATE}
 * and {@link TensorRole#MASTER_WEIGHT}. Implementations are immutable specs and must be
 * thread-safe; they are consulted on every update, so keep them cheap.
 */
@FunctionalInterface
public interface ParameterPrecisions {

    /**
     * Returns the precision of one role of one parameter.
     *
     * @param parameterId the DJL parameter id, as passed to {@code Optimizer.update}
     * @param role the tensor role
     * @return the precision; {@link Precision#FP32} leaves the tensor untouched
     */
    Precision of(String parameterId, TensorRole role);

    /**
     * Quantises nothing.
     *
     * @return the FP32 precisions
     */
    static ParameterPrecisions fp32() {
        return uniform(Map.of());
    }

    /**
     * Gives every parameter the same precision per role; roles not in the map stay FP32.
     *
     * @param byRole precision per role
     * @return the precisions
     */
    static ParameterPrecisions uniform(Map<TensorRole, Precision> byRole) {
        Map<TensorRole, Precision> copy = new EnumMap<>(TensorRole.class);
        copy.putAll(byRole);
        return new ParameterPrecisions() {
            @Override
            public Precision of(String parameterId, TensorRole role) {
                return copy.getOrDefault(role, Precision.FP32);
            }

            @Override
            public String toString() {
                return "uniform" + copy;
            }
        };
    }
}
