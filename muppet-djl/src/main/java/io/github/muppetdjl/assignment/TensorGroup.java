/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import java.util.List;

/**
 * One group of training tensors (docs/algorithms.md §6.6): the operations of a model from just
 * after one convolution or dense layer up to and including the next, with their output activations,
 * the errors of those activations, and the parameters of the operations that have them with their
 * gradients. Sizes are element counts at the model's input shapes, batch included.
 *
 * @param index the 0-based position of the group in forward order
 * @param operations the operations' names (block paths), in forward order
 * @param sites the quantisation sites whose activation and error are in this group (a site
 *     quantises the output of the operation just before it)
 * @param layers the names that resolve the precisions of this group's parameters (the owning
 *     blocks' descriptor names)
 * @param parameters the stable names of this group's parameters (their paths in the model, as the
 *     optimizer wrapper names them)
 * @param activationElements elements of the operations' outputs; the errors have as many
 * @param weightElements elements of the parameters; the weight gradients have as many
 */
public record TensorGroup(
        int index,
        List<String> operations,
        List<String> sites,
        List<String> layers,
        List<String> parameters,
        long activationElements,
        long weightElements) {

    /** Validates and copies the fields. */
    public TensorGroup {
        if (index < 0 || activationElements < 0 || weightElements < 0) {
            throw new IllegalArgumentException("index and element counts must not be negative");
        }
        operations = List.copyOf(operations);
        sites = List.copyOf(sites);
        layers = List.copyOf(layers);
        parameters = List.copyOf(parameters);
    }

    /**
     * Returns the elements of all four tensor kinds: activations, errors, weights and weight
     * gradients.
     *
     * @return {@code 2 * (activationElements + weightElements)}
     */
    public long elements() {
        return 2 * (activationElements + weightElements);
    }

    @Override
    public String toString() {
        return "group"
                + index
                + operations
                + "{activations="
                + activationElements
                + ", weights="
                + weightElements
                + ", elements="
                + elements()
                + "}";
    }
}
