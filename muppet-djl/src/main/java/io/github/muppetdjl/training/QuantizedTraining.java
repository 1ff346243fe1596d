/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import io.github.muppetdjl.optim.ParameterPrecisions;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.Quantizers;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.schedule.ActivePolicy;
import io.github.muppetdjl.quant.schedule.PrecisionSchedule;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.ScaledLoss;
import io.github.muppetdjl.scaling.StaticLossScaler;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one object a user adds to an existing DJL training loop. It holds the precision policy
 * (swappable while training: a new policy takes effect at the next batch), the seed, the quantiser,
 * the loss scaler and the registry of quantisation points, and it hands out the three things the
 * loop needs:
 *
 * <pre>{@code
 * QuantizedTraining qt = QuantizedTraining.builder().setPolicy(policy).build();
 * config.optOptimizer(qt.wrap(adam)).addTrainingListeners(qt.listener());
 * // and, with loss scaling: new DefaultTrainingConfig(qt.wrapLoss(loss))
 * }</pre>
 *
 * <p>The weight, weight-gradient, optimizer-state and master-weight precisions of each parameter
 * are resolved from the policy with the descriptor of the block that owns the parameter; the
 * activation and error precisions of each site are applied to the sites before every batch.
 */
public final class QuantizedTraining {

    private volatile PrecisionPolicy policy;
    private volatile ActivePolicy schedule;
    private final LossScaler lossScaler;
    private final Precision masterPrecision;
    private final boolean keepGraph;
    private final SiteContext context;
    private final QuantizedTrainingListener listener;
    private final Map<String, SiteDescriptor> owners = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private volatile SiteRegistry registry;
    private volatile QuantizedOptimizer optimizer;

    private QuantizedTraining(Builder b) {
        policy = b.policy;
        lossScaler = b.lossScaler;
        masterPrecision = b.masterPrecision;
        keepGraph = b.keepGraph;
        context = new SiteContext(b.quantizer, b.seed, true);
        listener = new QuantizedTrainingListener(this, b.recordMetrics);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps an optimizer so that weights, weight gradients and master weights follow the policy.
     *
     * @param inner any DJL optimizer (or a {@code QuantizedSgd}/{@code QuantizedAdam})
     * @return the wrapper to give to the training config
     */
    public QuantizedOptimizer wrap(Optimizer inner) {
        QuantizedOptimizer q =
                QuantizedOptimizer.builder()
                        .setOptimizer(inner)
                        .optPrecisions(parameterPrecisions())
                        .optMasterPrecision(masterPrecision)
                        .optQuantizer(context.quantizer())
                        .optSeed(context.seed())
                        .optWeightOwner(context) // q keeps the weights quantised, not the layers
                        .build();
        q.setParameterNaming(id -> names.getOrDefault(id, id));
        optimizer = q;
        return q;
    }

    /**
     * Wraps a loss so that backward sees it multiplied by the current loss scale; reported losses
     * stay unscaled.
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
     * Finds the quantisation points of a model and binds them; the listener does this itself at the
     * start of training, so call it only to use sites before that.
     *
     * @param root the model's block
     * @return the registry
     */
    public synchronized SiteRegistry attach(Block root) {
        if (root == null) {
            throw new IllegalArgumentException("root must not be null");
        }
        SiteRegistry r = SiteRegistry.scan(root, context);
        owners.clear();
        collectOwners(root, "", owners);
        for (QuantizationPoint p : r.points()) {
            if (p instanceof Block block) {
                for (Pair<String, Parameter> param : block.getDirectParameters()) {
                    owners.put(param.getValue().getId(), p.core().descriptor());
                }
            }
        }
        // Stable names (the parameter paths) key the optimizer's state and rounding; DJL's ids
        // change every run. Owners are also found by name, for a QuantizedStateOptimizer inner
        // optimizer, which sees names only.
        names.clear();
        for (Pair<String, Parameter> p : root.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
            SiteDescriptor owner = owners.get(p.getValue().getId());
            if (owner != null) {
                owners.put(p.getKey(), owner);
            }
        }
        r.applyPolicy(policy);
        if (optimizer != null) { // new weights, or loaded ones: quantise them before the forward
            optimizer.refreshWeights(root.getParameters(), context.step());
        }
        registry = r;
        return r;
    }

    private static void collectOwners(Block b, String path, Map<String, SiteDescriptor> out) {
        String name = path.isEmpty() ? b.getClass().getSimpleName() : path;
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            out.put(p.getValue().getId(), new SiteDescriptor(name, b.getClass().getSimpleName()));
        }
        for (Pair<String, Block> c : b.getChildren()) {
            collectOwners(c.getValue(), path.isEmpty() ? c.getKey() : path + "." + c.getKey(), out);
        }
    }

    /**
     * Returns the precision of one role of one parameter under the current policy.
     *
     * @return the live view the optimizer wrapper reads
     */
    public ParameterPrecisions parameterPrecisions() {
        return (id, role) -> {
            SiteDescriptor owner = owners.get(id);
            return policy.resolve(
                    owner != null ? owner : new SiteDescriptor(id, "Parameter"), role);
        };
    }

    /**
     * Swaps the policy; takes effect at the next batch.
     *
     * @param newPolicy the policy
     */
    public void setPolicy(PrecisionPolicy newPolicy) {
        if (newPolicy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        policy = newPolicy;
    }

    /**
     * Drives the policy from a schedule (fixed, by epoch, by step, or a function of step, epoch and
     * metrics): before every batch the listener asks it for the policy of (step, epoch, last
     * epoch's evaluations) and installs it when it changed, so the change reaches the live sites at
     * that batch. The schedule owns the policy from then on; do not combine it with {@code
     * MuppetTraining}, which drives the policy itself.
     *
     * @param schedule the schedule
     */
    public void setSchedule(PrecisionSchedule schedule) {
        ActivePolicy active = new ActivePolicy(schedule);
        this.schedule = active;
        setPolicy(active.current());
    }

    /** Installs the schedule's policy for the coming batch; a no-op without a schedule. */
    void advanceSchedule(long step, int epoch, Map<String, Double> metrics) {
        ActivePolicy active = schedule;
        if (active != null && active.update(step, epoch, metrics)) {
            setPolicy(active.current());
        }
    }

    /**
     * Returns the current policy.
     *
     * @return the policy
     */
    public PrecisionPolicy getPolicy() {
        return policy;
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
        return registry;
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
     * Returns the shared site context (seed, step, quantiser).
     *
     * @return the context
     */
    public SiteContext getContext() {
        return context;
    }

    boolean keepGraph() {
        return keepGraph;
    }

    /** Builds a {@link QuantizedTraining}. */
    public static final class Builder {

        private PrecisionPolicy policy;
        private long seed;
        private TensorQuantizer quantizer = Quantizers.best();
        private LossScaler lossScaler = StaticLossScaler.none();
        private Precision masterPrecision = Precision.FP32;
        private boolean keepGraph;
        private boolean recordMetrics = true;

        Builder() {}

        /**
         * Sets the precision policy (required).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder setPolicy(PrecisionPolicy value) {
            policy = value;
            return this;
        }

        /**
         * Sets the seed of all stochastic rounding (default 0).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /**
         * Sets the quantiser (default {@link Quantizers#best()}).
         *
         * @param value the quantiser
         * @return this builder
         */
        public Builder optQuantizer(TensorQuantizer value) {
            quantizer = value;
            return this;
        }

        /**
         * Sets the loss scaler (default: static scale 1, right for block floating point; use a
         * dynamic or enhanced scaler for FP8).
         *
         * @param value the scaler
         * @return this builder
         */
        public Builder optLossScaler(LossScaler value) {
            lossScaler = value;
            return this;
        }

        /**
         * Sets the master-weight precision (default FP32; {@code fp16/stochastic} for FP8 training)
         * used where the policy leaves {@link TensorRole#MASTER_WEIGHT} at FP32.
         *
         * @param value the precision
         * @return this builder
         */
        public Builder optMasterPrecision(Precision value) {
            masterPrecision = value;
            return this;
        }

        /**
         * Keeps the graph after each error pass (default false). Needed only for models whose sites
         * share graph above them without a site at the fan-out.
         *
         * @param value whether to keep the graph
         * @return this builder
         */
        public Builder optKeepGraph(boolean value) {
            keepGraph = value;
            return this;
        }

        /**
         * Sets whether per-site statistics go into the trainer's {@code Metrics} (default true;
         * nothing is recorded while the trainer has no metrics).
         *
         * @param value whether to record
         * @return this builder
         */
        public Builder optRecordMetrics(boolean value) {
            recordMetrics = value;
            return this;
        }

        /**
         * Builds the controller.
         *
         * @return the controller
         */
        public QuantizedTraining build() {
            if (policy == null) {
                throw new IllegalArgumentException("policy must be set");
            }
            if (quantizer == null || lossScaler == null || masterPrecision == null) {
                throw new IllegalArgumentException(
                        "quantizer, lossScaler and masterPrecision must not be null");
            }
            return new QuantizedTraining(this);
        }
    }
}
