/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.recipe;

import io.github.muppetdjl.control.FixedController;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.LossScaler;
import io.github.muppetdjl.scaling.StaticLossScaler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A training method as an immutable value: the precision controller to create, structural site
 * rules resolved against the converted model when training attaches, the master-weight precision,
 * and the loss scaler to create. A {@link io.github.muppetdjl.training.QuantizedTraining} built
 * from a recipe creates a fresh controller and loss scaler, so one recipe serves any number of
 * runs. {@link Recipes} has the methods this library implements; {@link #toBuilder()} derives a
 * variant.
 *
 * <p>{@code toString()} is one stable line, {@code name{controller=..., sites=[...], master=...,
 * lossScaler=...}} (with {@code , integer=...} where an integer arithmetic is set); the training
 * controller writes it into the model's properties.
 */
public final class Recipe {

    private final String name;
    private final PrecisionController.Spec controller;
    private final List<SiteRule> siteRules;
    private final Precision masterPrecision;
    private final Supplier<LossScaler> lossScaler;
    private final IntegerArithmetic integerArithmetic;
    private final String text;

    private Recipe(Builder b) {
        name = b.name;
        controller = b.controller;
        siteRules = List.copyOf(b.siteRules);
        masterPrecision = b.masterPrecision;
        lossScaler = b.lossScaler;
        integerArithmetic = b.integerArithmetic;
        text =
                name
                        + "{controller="
                        + controller
                        + ", sites="
                        + siteRules
                        + ", master="
                        + masterPrecision
                        + ", lossScaler="
                        + lossScaler.get()
                        + (integerArithmetic == null ? "" : ", integer=" + integerArithmetic)
                        + "}";
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
     * A recipe that applies one policy for the whole run, FP32 master weights, no loss scaling;
     * named {@code fixed}.
     *
     * @param policy the policy
     * @return the recipe
     */
    public static Recipe of(PrecisionPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        return builder().setName("fixed").setPolicy(policy).build();
    }

    /**
     * Returns a builder holding this recipe's settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.controller = controller;
        b.siteRules.addAll(siteRules);
        b.masterPrecision = masterPrecision;
        b.lossScaler = lossScaler;
        b.integerArithmetic = integerArithmetic;
        return b;
    }

    /**
     * Returns the recipe's short name (for example {@code muppet}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the controller spec.
     *
     * @return the spec
     */
    public PrecisionController.Spec controller() {
        return controller;
    }

    /**
     * Returns the structural site rules, in order (a later rule wins on overlap).
     *
     * @return the rules
     */
    public List<SiteRule> siteRules() {
        return siteRules;
    }

    /**
     * Returns the master-weight precision used where the policy leaves {@code MASTER_WEIGHT} at
     * FP32.
     *
     * @return the precision
     */
    public Precision masterPrecision() {
        return masterPrecision;
    }

    /**
     * Returns the integer arithmetic given to every quantised layer at attach, or {@code null}.
     *
     * @return the arithmetic
     */
    public IntegerArithmetic integerArithmetic() {
        return integerArithmetic;
    }

    /**
     * Creates this recipe's loss scaler for one run.
     *
     * @return a fresh scaler
     */
    public LossScaler newLossScaler() {
        return lossScaler.get();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recipe other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Builds a {@link Recipe}: {@code setName} and a controller (or policy) are required. */
    public static final class Builder {

        private String name;
        private PrecisionController.Spec controller;
        private final List<SiteRule> siteRules = new ArrayList<>();
        private Precision masterPrecision = Precision.FP32;
        private Supplier<LossScaler> lossScaler = StaticLossScaler::none;
        private IntegerArithmetic integerArithmetic;

        Builder() {}

        /**
         * Sets the short name (required; letters, digits, {@code -}, {@code _}, {@code .}).
         *
         * @param value the name
         * @return this builder
         */
        public Builder setName(String value) {
            name = value;
            return this;
        }

        /**
         * Sets the controller (required unless {@link #setPolicy} is used).
         *
         * @param value the controller spec
         * @return this builder
         */
        public Builder setController(PrecisionController.Spec value) {
            controller = value;
            return this;
        }

        /**
         * Uses one policy for the whole run ({@link FixedController}).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder setPolicy(PrecisionPolicy value) {
            if (value == null) {
                throw new IllegalArgumentException("policy must not be null");
            }
            controller = FixedController.spec(value);
            return this;
        }

        /**
         * Adds a structural site rule (resolved against the model at attach).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder optSiteRule(SiteRule rule) {
            if (rule == null) {
                throw new IllegalArgumentException("rule must not be null");
            }
            siteRules.add(rule);
            return this;
        }

        /**
         * Keeps the selected sites in FP32 for every role.
         *
         * @param selector which sites
         * @return this builder
         */
        public Builder optKeepFp32(SiteSelector selector) {
            return optSiteRule(SiteRule.allRoles(selector, Precision.FP32));
        }

        /**
         * Sets the master-weight precision (default FP32), used where the policy leaves {@code
         * MASTER_WEIGHT} at FP32.
         *
         * @param value the precision
         * @return this builder
         */
        public Builder optMasterPrecision(Precision value) {
            masterPrecision = value;
            return this;
        }

        /**
         * Sets how each run's loss scaler is created (default: a static scale of 1). The supplier
         * must return a new scaler on every call, all with the same settings.
         *
         * @param value the factory
         * @return this builder
         */
        public Builder optLossScaler(Supplier<LossScaler> value) {
            lossScaler = value;
            return this;
        }

        /**
         * Computes every quantised conv and dense layer's products in integer DFP16 arithmetic
         * while the policy quantises the layer's weight (docs/algorithms.md §6.4): set on each
         * {@code QuantizedLayer} of the model when training attaches. Default: none (layers keep
         * what they were built with).
         *
         * @param value the arithmetic, or {@code null}
         * @return this builder
         */
        public Builder optIntegerArithmetic(IntegerArithmetic value) {
            integerArithmetic = value;
            return this;
        }

        /**
         * Builds the recipe.
         *
         * @return the recipe
         * @throws IllegalArgumentException if the name or controller is missing, or a setting is
         *     null
         */
        public Recipe build() {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(
                        "name must be set to letters, digits, '-', '_' or '.', got " + name);
            }
            if (controller == null) {
                throw new IllegalArgumentException(
                        "a controller (setController) or a policy (setPolicy) must be set");
            }
            if (masterPrecision == null || lossScaler == null) {
                throw new IllegalArgumentException(
                        "masterPrecision and lossScaler must not be null");
            }
            LossScaler probe = lossScaler.get();
            if (probe == null || probe == lossScaler.get()) {
                throw new IllegalArgumentException(
                        "the loss-scaler factory must return a new scaler on every call");
            }
            return new Recipe(this);
        }
    }
}
