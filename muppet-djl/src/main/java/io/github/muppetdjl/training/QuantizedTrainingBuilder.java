/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.scaling.LossScaler;

/** Builds a {@link QuantizedTraining}: a recipe (or a policy) is required. */
public final class QuantizedTrainingBuilder {

    Recipe recipe;
    long seed;
    TensorQuantizer quantizer = Quantizers.best();
    LossScaler lossScaler;
    Precision masterPrecision;
    boolean keepGraph;
    MetricsDetail metrics = MetricsDetail.EPOCH;

    QuantizedTrainingBuilder() {}

    /**
     * Sets the recipe (required unless {@link #setPolicy} is used).
     *
     * @param value the recipe, e.g. {@code Recipes.muppet()}
     * @return this builder
     */
    public QuantizedTrainingBuilder setRecipe(Recipe value) {
        recipe = value;
        return this;
    }

    /**
     * Uses one policy for the whole run: the recipe {@link Recipe#of(PrecisionPolicy)}.
     *
     * @param value the policy
     * @return this builder
     */
    public QuantizedTrainingBuilder setPolicy(PrecisionPolicy value) {
        recipe = Recipe.of(value);
        return this;
    }

    /**
     * Sets the seed of all stochastic rounding (default 0).
     *
     * @param value the seed
     * @return this builder
     */
    public QuantizedTrainingBuilder optSeed(long value) {
        seed = value;
        return this;
    }

    /**
     * Sets the quantiser (default {@link Quantizers#best()}).
     *
     * @param value the quantiser
     * @return this builder
     */
    public QuantizedTrainingBuilder optQuantizer(TensorQuantizer value) {
        quantizer = value;
        return this;
    }

    /**
     * Uses this loss scaler instead of one created by the recipe (one scaler per run).
     *
     * @param value the scaler
     * @return this builder
     */
    public QuantizedTrainingBuilder optLossScaler(LossScaler value) {
        lossScaler = value;
        return this;
    }

    /**
     * Uses this master-weight precision instead of the recipe's.
     *
     * @param value the precision
     * @return this builder
     */
    public QuantizedTrainingBuilder optMasterPrecision(Precision value) {
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
    public QuantizedTrainingBuilder optKeepGraph(boolean value) {
        keepGraph = value;
        return this;
    }

    /**
     * Sets whether statistics go into the trainer's {@code Metrics}: {@code true} for {@link
     * MetricsDetail#EPOCH} (the default), {@code false} for none.
     *
     * @param value whether to record
     * @return this builder
     */
    public QuantizedTrainingBuilder optRecordMetrics(boolean value) {
        metrics = value ? MetricsDetail.EPOCH : MetricsDetail.NONE;
        return this;
    }

    /**
     * Sets how much goes into the trainer's {@code Metrics} (default {@link MetricsDetail#EPOCH}).
     *
     * @param value the detail
     * @return this builder
     */
    public QuantizedTrainingBuilder optMetricsDetail(MetricsDetail value) {
        metrics = value;
        return this;
    }

    /**
     * Builds the controller.
     *
     * @return the controller
     * @throws IllegalArgumentException if no recipe or policy was set, or a setting is null
     */
    public QuantizedTraining build() {
        if (recipe == null) {
            throw new IllegalArgumentException(
                    "a recipe (setRecipe) or policy (setPolicy) must be set");
        }
        if (quantizer == null || metrics == null) {
            throw new IllegalArgumentException("quantizer and metrics detail must not be null");
        }
        return new QuantizedTraining(this);
    }
}
