/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.ParameterTracker;

/**
 * Stochastic gradient descent with momentum whose momentum can be quantised.
 *
 * <p>The update follows DJL's {@link ai.djl.training.optimizer.Sgd} on the PyTorch engine, so that
 * with FP32 state the two agree:
 *
 * <pre>
 *   g = clip(rescaleGrad * grad) + weightDecay * weight
 *   g = learningRate * g
 *   without momentum: weight -= g
 *   with momentum:    state = Q(momentum * state + g);  weight -= state
 * </pre>
 *
 * where {@code Q} quantises to the parameter's {@code OPTIMIZER_STATE} precision. Our choice:
 * clipping is symmetric, to {@code [-clipGrad, clipGrad]}, as DJL documents it (DJL 0.35.1's native
 * code clamps only from above). Like DJL's PyTorch optimizers it zeroes the weight's gradient after
 * the update.
 */
public class QuantizedSgd extends QuantizedStateOptimizer {

    private final ParameterTracker learningRateTracker;
    private final float momentum;

    /**
     * Creates the optimizer.
     *
     * @param builder the builder
     */
    protected QuantizedSgd(Builder builder) {
        super(builder, 1);
        this.learningRateTracker = builder.learningRateTracker;
        this.momentum = builder.momentum;
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
     * Returns the momentum state of a parameter, or {@code null} (tests and checkpoints); do not
     * close it.
     *
     * @param parameterId the parameter id
     * @param weight an array on the device whose state is wanted
     * @return the momentum or {@code null}
     */
    public NDArray momentum(String parameterId, NDArray weight) {
        return peekState(0, parameterId, weight.getDevice());
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        float learningRate = learningRateTracker.getNewValue(parameterId, t);
        float weightDecay = getWeightDecay();
        try (NDArray g = preprocess(grad, weight, weightDecay)) {
            g.muli(learningRate);
            if (momentum != 0f) {
                NDArray state = state(0, parameterId, weight);
                state.muli(momentum).addi(g);
                quantizeState(0, parameterId, state, t);
                weight.subi(state);
            } else {
                weight.subi(g);
            }
        }
        ArrayOps.zeroGradient(weight);
    }

    /** Configures a {@link QuantizedSgd}. */
    public static final class Builder extends BaseBuilder<Builder> {

        ParameterTracker learningRateTracker;
        float momentum;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning-rate tracker (required).
         *
         * @param learningRateTracker the tracker
         * @return this builder
         */
        public Builder setLearningRateTracker(ParameterTracker learningRateTracker) {
            this.learningRateTracker = learningRateTracker;
            return this;
        }

        /**
         * Sets the momentum (default 0: plain SGD, no state).
         *
         * @param momentum in [0, 1)
         * @return this builder
         */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         * @throws IllegalArgumentException if the tracker is missing or momentum is out of range
         */
        public QuantizedSgd build() {
            validate();
            if (learningRateTracker == null) {
                throw new IllegalArgumentException("learningRateTracker must be set");
            }
            if (!(momentum >= 0f && momentum < 1f)) {
                throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
            }
            return new QuantizedSgd(this);
        }
    }
}
