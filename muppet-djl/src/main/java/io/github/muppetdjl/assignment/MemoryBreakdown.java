/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes of storage per class of training tensor under one assignment: what the formats need,
 * computed from element counts and format widths ({@code ceil(elements * bits / 8)} per group and
 * class). The library simulates formats in FP32, so this is not the memory the JVM or the engine
 * uses.
 *
 * @param weights the weights as the forward pass uses them
 * @param masterWeights the high-precision copies the optimizer updates (none when the weight is its
 *     own master, as in all-FP32 training)
 * @param activations the activations kept for the backward pass (every operation's output)
 * @param errors the gradients of those activations
 * @param weightGradients the parameter gradients
 * @param optimizerState the optimizer's state (FP32; for Adam two tensors per parameter)
 */
public record MemoryBreakdown(
        long weights,
        long masterWeights,
        long activations,
        long errors,
        long weightGradients,
        long optimizerState) {

    /** Validates the fields. */
    public MemoryBreakdown {
        if (weights < 0
                || masterWeights < 0
                || activations < 0
                || errors < 0
                || weightGradients < 0
                || optimizerState < 0) {
            throw new IllegalArgumentException("byte counts must not be negative");
        }
    }

    /**
     * Returns the bytes of the tensors that the assignment chooses formats for: weights,
     * activations, errors and weight gradients.
     *
     * @return the sum of those four classes
     */
    public long assignedTensors() {
        return weights + activations + errors + weightGradients;
    }

    /**
     * Returns the bytes of every class.
     *
     * @return the sum of all six classes
     */
    public long total() {
        return assignedTensors() + masterWeights + optimizerState;
    }

    /**
     * Returns the classes by stable label, in the order of the fields, for charts and tables.
     *
     * @return label to bytes: {@code weights, masterWeights, activations, errors, weightGradients,
     *     optimizerState}
     */
    public Map<String, Long> byClass() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("weights", weights);
        m.put("masterWeights", masterWeights);
        m.put("activations", activations);
        m.put("errors", errors);
        m.put("weightGradients", weightGradients);
        m.put("optimizerState", optimizerState);
        return m;
    }

    @Override
    public String toString() {
        return byClass() + " total=" + total();
    }
}
