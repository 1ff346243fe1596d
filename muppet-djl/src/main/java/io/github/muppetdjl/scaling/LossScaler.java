/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.scaling;

/**
 * Decides the factor the loss is multiplied by before back-propagation, and whether a step whose
 * gradients overflowed is applied.
 *
 * <p>Protocol, once per batch: the loss is multiplied by {@link #scale()}; after the backward pass
 * the caller checks the gradients ({@link GradientChecks#anyNonFinite(Iterable)}) and calls {@link
 * #update(boolean)}, which returns whether the optimizer may apply the step and adjusts the scale
 * for the next batch. The optimizer divides gradients by the scale that was used for this batch,
 * read before {@code update}.
 *
 * <p>Implementations are thread-safe.
 */
public interface LossScaler {

    /**
     * Returns the factor the loss of the current batch is multiplied by.
     *
     * @return a positive finite scale
     */
    float scale();

    /**
     * Records the outcome of one backward pass and adjusts the scale for the next batch.
     *
     * @param overflow whether any gradient held a NaN or an infinity
     * @return {@code true} if the step is applied; {@code false} if it must be skipped
     */
    boolean update(boolean overflow);

    /**
     * Returns a snapshot of the scaler's mutable state, for checkpoints.
     *
     * @return the state
     */
    LossScalerState state();

    /**
     * Restores a state taken by {@link #state()}.
     *
     * @param state the state
     * @throws IllegalArgumentException if the state does not fit this scaler
     */
    void restore(LossScalerState state);
}
