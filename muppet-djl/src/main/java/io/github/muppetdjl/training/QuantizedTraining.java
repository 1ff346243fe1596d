/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.control.AttachedModel;
import io.github.muppetdjl.control.FixedController;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.optim.ParameterPrecisions;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.SiteOverrides;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.ScaledLoss;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import java.util.List;

/**
 * The one object a user adds to a DJL training loop, for every method this library implements.
 * Built from a {@link Recipe}, it creates the run's precision controller and loss scaler and hands
 * out the three things the loop needs:
 *
 * <pre>{@code
 * QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.muppet()).build();
 * ModelConverter.convert(model.getBlock());
 * config.optOptimizer(qt.wrap(adam)).addTrainingListeners(qt.listener());
 * // with loss scaling (the FP8 recipes): new DefaultTrainingConfig(qt.wrapLoss(loss))
 * }</pre>
 *
 * <p>Its listener calls the controller's hooks ({@link PrecisionController}) and applies the policy
 * they return to every site and parameter at once; it counts steps and epochs (in the {@link
 * SiteContext}), completes the error passes, runs the loss-scaling decision and records statistics.
 * The weight, weight-gradient, optimizer-state and master-weight precisions of each parameter are
 * resolved with the descriptor of the block that owns it; the recipe's site rules are resolved
 * against the model's sites when the listener attaches to it ({@link #attach}).
 *
 * <p>Misuse fails early with a message saying what to do: a listener whose optimizer was not
 * wrapped, a second {@link #wrap}, a trainer that does not use the wrapper, a loss scaler whose
 * loss was not wrapped, a model whose layers were never converted while the policy quantises them.
 */
public final class QuantizedTraining {

    private final Recipe recipe;
    private final LossScaler lossScaler;
    private final Precision masterPrecision;
    private final boolean keepGraph;
    private final SiteContext context;
    private final QuantizedTrainingListener listener;
    private volatile PrecisionController controller;
    private volatile PrecisionPolicy controllerPolicy;
    private volatile PrecisionPolicy policy;
    private volatile ModelBinding binding;
    private volatile QuantizedOptimizer optimizer;

    QuantizedTraining(QuantizedTrainingBuilder b) {
        recipe = b.recipe;
        lossScaler = b.lossScaler != null ? b.lossScaler : recipe.newLossScaler();
        masterPrecision = b.masterPrecision != null ? b.masterPrecision : recipe.masterPrecision();
        keepGraph = b.keepGraph;
        context = new SiteContext(b.quantizer, b.seed, true);
        controller = recipe.controller().create();
        controllerPolicy = controller.policy();
        policy = controllerPolicy;
        listener = new QuantizedTrainingListener(this, b.metrics);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static QuantizedTrainingBuilder builder() {
        return new QuantizedTrainingBuilder();
    }

    /**
     * Wraps the optimizer so that weights, weight gradients and master weights follow the policy.
     * Call it once: the training config must get the wrapper it returns.
     *
     * @param inner any DJL optimizer; a {@code QuantizedSgd}/{@code QuantizedAdam} also has its
     *     state quantised and can be checkpointed
     * @return the wrapper to give to the training config
     * @throws IllegalStateException if this controller already wrapped an optimizer
     */
    public synchronized QuantizedOptimizer wrap(Optimizer inner) {
        if (optimizer != null) {
            throw new IllegalStateException(
                    "wrap() was already called on this QuantizedTraining: give the trainer the"
                            + " wrapper it returned (getOptimizer()), or build a new"
                            + " QuantizedTraining for a new run");
        }
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(inner)
                        .optPrecisions(parameterPrecisions())
                        .optMasterPrecision(masterPrecision)
                        .optQuantizer(context.quantizer())
                        .optSeed(context.seed())
                        .optWeightOwner(context) // q keeps the weights quantised, not the layers
                        .build();
        q.setParameterNaming(
                id -> {
                    ModelBinding b = binding;
                    return b == null ? id : b.name(id);
                });
        optimizer = q;
        return q;
    }

    /**
     * Wraps a loss so that backward sees it multiplied by the current loss scale; reported losses
     * stay unscaled. Needed whenever the recipe's loss scaler scales.
     *
     * @param base the loss
     * @return the scaled loss
     */
    public Loss wrapLoss(Loss base) {
        return new ScaledLoss(base, lossScaler);
    }

    /**
     * Returns the training listener (one per controller).
     *
     * @return the listener
     */
    public TrainingListener listener() {
        return listener;
    }

    /**
     * Binds a model: finds its quantisation points, names its parameters, resolves the recipe's
     * site rules and applies the current policy. The listener does this when training begins; call
     * it only to use the sites before that.
     *
     * @param root the model's block
     * @return the registry of its quantisation points
     */
    public synchronized SiteRegistry attach(Block root) {
        if (root == null) {
            throw new IllegalArgumentException("root must not be null");
        }
        ModelBinding b = ModelBinding.bind(root, context, recipe);
        binding = b;
        controllerPolicy = checked(controller.onAttach(new AttachedModel(root, inputShapes(root))));
        policy = b.overrides().apply(controllerPolicy);
        b.registry().applyPolicy(policy);
        QuantizedOptimizer q = optimizer;
        if (q != null) { // new weights, or loaded ones: quantise them before the forward
            q.refreshWeights(root.getParameters(), context.step());
        }
        return b.registry();
    }

    /** Tells the controller the first batch's input shapes; returns the policy it answers. */
    synchronized PrecisionPolicy attachedAt(Block root, List<Shape> batchShapes) {
        return checked(controller.onAttach(new AttachedModel(root, batchShapes)));
    }

    /** The shapes a block was initialised with, empty if it was not. */
    static List<Shape> inputShapes(Block root) {
        if (!root.isInitialized()) {
            return List.of();
        }
        try {
            return List.of(root.getInputShapes());
        } catch (IllegalStateException e) {
            return List.of();
        }
    }

    private PrecisionPolicy checked(PrecisionPolicy next) {
        if (next == null) {
            throw new IllegalStateException(
                    "precision controller " + controller + " returned null");
        }
        return next;
    }

    /**
     * Installs the policy a controller hook returned, if it changed: every site and parameter takes
     * it at once, and the live weights take their master's values, which the next forward pass
     * quantises at the new precision.
     */
    synchronized void offer(PrecisionPolicy next, Block root) {
        if (next == null) {
            throw new IllegalStateException(
                    "precision controller " + controller + " returned null");
        }
        if (next == controllerPolicy) {
            return;
        }
        controllerPolicy = next;
        ModelBinding b = binding;
        policy = b == null ? next : b.overrides().apply(next);
        if (b != null) {
            b.registry().applyPolicy(policy);
        }
        QuantizedOptimizer q = optimizer;
        if (q != null && root != null) {
            q.refreshWeights(root.getParameters(), context.step());
        }
    }

    /**
     * Re-reads the controller's policy after its state was restored from a checkpoint. The live
     * weights were restored too, exactly as they were, so unlike a policy change this leaves them
     * alone.
     *
     * @param root the model's block
     */
    public synchronized void resumed(Block root) {
        controllerPolicy = controller.policy();
        if (binding == null && root != null) {
            attach(root);
            return;
        }
        ModelBinding b = binding;
        policy = b == null ? controllerPolicy : b.overrides().apply(controllerPolicy);
        if (b != null) {
            b.registry().applyPolicy(policy);
        }
    }

    /**
     * Returns the precision of one role of one parameter under the current policy.
     *
     * @return the live view the optimizer wrapper reads
     */
    public ParameterPrecisions parameterPrecisions() {
        return (id, role) -> {
            ModelBinding b = binding;
            return policy.resolve(
                    b != null
                            ? b.owner(id)
                            : new io.github.muppetdjl.quant.policy.SiteDescriptor(id, "Parameter"),
                    role);
        };
    }

    /**
     * Replaces the precision controller by a fixed policy from the next batch on (for experiments;
     * a recipe is the usual way to choose the policy).
     *
     * @param newPolicy the policy
     */
    public synchronized void setPolicy(PrecisionPolicy newPolicy) {
        if (newPolicy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        controller = FixedController.spec(newPolicy).create();
        offer(newPolicy, null);
    }

    /**
     * Returns the recipe this controller was built from.
     *
     * @return the recipe
     */
    public Recipe getRecipe() {
        return recipe;
    }

    /**
     * Returns this run's precision controller.
     *
     * @return the controller
     */
    public PrecisionController getController() {
        return controller;
    }

    /**
     * Returns the policy in force: the controller's, with the recipe's site rules on top once a
     * model is attached.
     *
     * @return the policy
     */
    public PrecisionPolicy getPolicy() {
        return policy;
    }

    /**
     * Returns the recipe's site rules resolved against the attached model.
     *
     * @return the overrides, {@link SiteOverrides#NONE} before a model is attached
     */
    public SiteOverrides getSiteOverrides() {
        ModelBinding b = binding;
        return b == null ? SiteOverrides.NONE : b.overrides();
    }

    /**
     * Returns the loss scaler.
     *
     * @return the scaler
     */
    public LossScaler getLossScaler() {
        return lossScaler;
    }

    /**
     * Returns the registry, or {@code null} before training began or {@link #attach} was called.
     *
     * @return the registry
     */
    public SiteRegistry getRegistry() {
        ModelBinding b = binding;
        return b == null ? null : b.registry();
    }

    /**
     * Returns the optimizer wrapper, or {@code null} if {@link #wrap} was not called.
     *
     * @return the wrapper
     */
    public QuantizedOptimizer getOptimizer() {
        return optimizer;
    }

    /**
     * Returns the shared site context: seed, quantiser, and the step and epoch counters.
     *
     * @return the context
     */
    public SiteContext getContext() {
        return context;
    }

    /**
     * Returns the number of epochs completed.
     *
     * @return the count
     */
    public int epochsCompleted() {
        return context.epoch();
    }

    ModelBinding binding() {
        return binding;
    }

    boolean keepGraph() {
        return keepGraph;
    }
}
