/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

/**
 * Adam (Kingma and Ba, ICLR 2015) whose moments m and v can be quantised.
 *
 * <p>The update follows DJL's {@link ai.djl.training.optimizer.Adam} on the PyTorch engine, so that
 * with FP32 state the two agree to rounding:
 *
 * <pre>
 *   g  = clip(rescaleGrad * grad) + weightDecay * weight
 *   m  = Q(beta1 * m + (1 - beta1) * g)
 *   v  = Q(beta2 * v + (1 - beta2) * g * g)
 *   lr' = learningRate * sqrt(1 - beta2^t) / (1 - beta1^t)
 *   weight -= lr' * m / (sqrt(v) + epsilon)
 * </pre>
 *
 * where {@code Q} quantises to the parameter's {@code OPTIMIZER_STATE} precision (m and v use
 * different random streams). Clipping is symmetric (see {@link QuantizedSgd}). The weight's
 * gradient is zeroed after the update, as DJL's PyTorch optimizers do.
 */
public class QuantizedAdam extends QuantizedStateOptimizer {

    private final ParameterTracker learningRateTracker;
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    /**
     * Creates the optimizer.
     *
     * @param builder the builder
     */
    protected QuantizedAdam(Builder builder) {
        super(builder, 2);
        this.learningRateTracker = builder.learningRateTracker;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    /**
     * Returns a builder with DJL's defaults (learning rate 0.001, betas 0.9 and 0.999, epsilon
     * 1e-8).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the first moment of a parameter, or {@code null}; do not close it.
     *
     * @param parameterId the parameter id
     * @param weight an array on the device whose state is wanted
     * @return m or {@code null}
     */
    public NDArray mean(String parameterId, NDArray weight) {
        return peekState(0, parameterId, weight.getDevice());
    }

    /**
     * Returns the second moment of a parameter, or {@code null}; do not close it.
     *
     * @param parameterId the parameter id
     * @param weight an array on the device whose state is wanted
     * @return v or {@code null}
     */
    public NDArray variance(String parameterId, NDArray weight) {
        return peekState(1, parameterId, weight.getDevice());
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float learningRate = learningRateTracker.getNewValue(parameterId, t);
        float biasCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        if (!Float.isFinite(biasCorrected)) {
            throw new IllegalStateException(
                    "bias-corrected learning rate is not finite: " + biasCorrected);
        }
        NDArray m = state(0, parameterId, weight);
        NDArray v = state(1, parameterId, weight);
        try (NDArray g = preprocess(grad, weight, getWeightDecay())) {
            try (NDArray scaled = g.mul(1f - beta1)) {
                m.muli(beta1).addi(scaled);
            }
            quantizeState(0, parameterId, m, t);
            try (NDArray square = g.mul(g)) {
                square.muli(1f - beta2);
                v.muli(beta2).addi(square);
            }
            quantizeState(1, parameterId, v, t);
            try (NDArray root = v.sqrt();
                    NDArray step = m.mul(biasCorrected)) {
                root.addi(epsilon);
                step.divi(root);
                weight.subi(step);
            }
        }
        ArrayOps.zeroGradient(weight);
    }

    /** Configures a {@link QuantizedAdam}. */
    public static final class Builder extends BaseBuilder<Builder> {

        ParameterTracker learningRateTracker = Tracker.fixed(0.001f);
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float epsilon = 1e-8f;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning-rate tracker (default fixed 0.001).
         *
         * @param learningRateTracker the tracker
         * @return this builder
         */
        public Builder optLearningRateTracker(ParameterTracker learningRateTracker) {
            this.learningRateTracker = learningRateTracker;
            return this;
        }

        /**
         * Sets beta1 (default 0.9).
         *
         * @param beta1 in [0, 1)
         * @return this builder
         */
        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /**
         * Sets beta2 (default 0.999).
         *
         * @param beta2 in [0, 1)
         * @return this builder
         */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets epsilon (default 1e-8).
         *
         * @param epsilon positive
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         * @throws IllegalArgumentException if a setting is out of range
         */
        public QuantizedAdam build() {
            validate();
            if (learningRateTracker == null) {
                throw new IllegalArgumentException("learningRateTracker must not be null");
            }
            if (!(beta1 >= 0f && beta1 < 1f)) {
                throw new IllegalArgumentException("beta1 must lie in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0f && beta2 < 1f)) {
                throw new IllegalArgumentException("beta2 must lie in [0, 1), got " + beta2);
            }
            if (!(epsilon > 0f)) {
                throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
            }
            return new QuantizedAdam(this);
        }
    }
}
