/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.control;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Decides the {@link PrecisionPolicy} of a training run as it goes. One instance belongs to one
 * run: it may keep state (statistics, counters, the level reached), which {@link #saveState} and
 * {@link #loadState} carry through a checkpoint. A {@link
 * io.github.muppetdjl.training.QuantizedTraining} creates it from its recipe and calls the hooks
 * from its listener, on DJL's training thread, in this order for every batch:
 *
 * <ol>
 *   <li>{@link #beforeBatch(long, int)}, before the batch's forward pass (in fact at the end of the
 *       previous batch, and once when training begins, which is the same point for the model);
 *   <li>{@link #afterBackward(GradientView)}, after the backward pass and the error passes, before
 *       the optimizer step, with read access to the parameter gradients;
 *   <li>{@link #onOverflow(OverflowEvent)}, once for each site and role whose quantisation
 *       saturated a value or met a non-finite one in this batch, after one for each parameter and
 *       optimizer-side role (weight, weight gradient, master weight, optimizer state) whose
 *       quantisation by the optimizer wrapper did so in the previous optimizer step (the wrapper
 *       runs after this hook, so its events come one batch later, with their own step);
 * </ol>
 *
 * <p>and {@link #onEpochEnd(int, Map)} after the last batch of each epoch (the optimizer-side
 * events of the epoch's last step come just before it). {@link #onAttach(AttachedModel)} is called
 * whenever training binds a model, before the first {@code beforeBatch}, and once more at the first
 * batch if that batch's input shapes differ from those the model was initialised with. Every hook
 * returns the policy to apply from then on (the same object to keep it); the listener applies a
 * changed policy to every site and parameter at once, so the next forward pass uses it everywhere.
 * Steps and epochs are counted by the training controller, never by a precision controller.
 *
 * <p>{@code toString()} must be one stable line naming the controller and its settings (not its
 * state): it is part of the recipe's one-line form, written into the model's properties and checked
 * when a checkpoint is loaded.
 */
public interface PrecisionController {

    /**
     * Returns the policy in force now (before the first batch: the starting policy).
     *
     * @return the policy, never null
     */
    PrecisionPolicy policy();

    /**
     * Called when training binds a model (its sites are found and named), and again at the first
     * batch when the batch's input shapes differ from those the model was initialised with; a
     * controller whose policy depends on the model's structure or tensor sizes plans it here.
     *
     * @param model the model and its input shapes
     * @return the policy from now on
     */
    default PrecisionPolicy onAttach(AttachedModel model) {
        return policy();
    }

    /**
     * Called before each batch.
     *
     * @param step batches completed so far in the run, at least 0
     * @param epoch the 0-based epoch the batch belongs to
     * @return the policy for this batch
     */
    default PrecisionPolicy beforeBatch(long step, int epoch) {
        return policy();
    }

    /**
     * Called after each batch's backward passes, before the optimizer step.
     *
     * @param gradients read access to this batch's gradients; valid only during the call
     * @return the policy from the next batch on
     */
    default PrecisionPolicy afterBackward(GradientView gradients) {
        return policy();
    }

    /**
     * Called for each site and role whose quantisation in this batch saturated a value or met a
     * non-finite value, after {@link #afterBackward}; and for each parameter and optimizer-side
     * role whose quantisation in the previous optimizer step did (named by the parameter's path,
     * with that step), before the site events, and before {@link #onEpochEnd} for the epoch's last
     * step.
     *
     * @param event what overflowed, where and when
     * @return the policy from the next batch on
     */
    default PrecisionPolicy onOverflow(OverflowEvent event) {
        return policy();
    }

    /**
     * Called at the end of each epoch.
     *
     * @param epoch the 0-based epoch that ended
     * @param evaluations what DJL's evaluator listeners reported for it by name (for example {@code
     *     train_loss}, {@code validate_Accuracy}); empty when none ran
     * @return the policy from the next epoch on
     */
    default PrecisionPolicy onEpochEnd(int epoch, Map<String, Double> evaluations) {
        return policy();
    }

    /**
     * Writes this controller's state (the default writes nothing: a stateless controller).
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    default void saveState(DataOutputStream out) throws IOException {}

    /**
     * Restores a state written by {@link #saveState} of a controller with the same {@code
     * toString()}; all or nothing.
     *
     * @param in the stream
     * @throws IOException if the state is malformed or does not fit
     */
    default void loadState(DataInputStream in) throws IOException {}

    /**
     * Creates controllers: the immutable part of a recipe. Each training run gets a fresh
     * controller from {@link #create()}.
     */
    interface Spec {

        /**
         * Creates a controller for one run.
         *
         * @return a fresh controller
         */
        PrecisionController create();

        /**
         * Returns the stable one-line description, equal to {@code create().toString()}.
         *
         * @return the description
         */
        @Override
        String toString();
    }
}
