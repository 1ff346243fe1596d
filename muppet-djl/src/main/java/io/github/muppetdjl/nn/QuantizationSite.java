/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.site.PendingCut;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.site.RunningRange;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteCore;
import io.github.muppetdjl.site.SiteState;

import java.io.DataInputStream;
import java.io.DataOutputStream;

/**
 * A parameter-free block that quantises the activation passing forward ({@link
 * TensorRole#ACTIVATION}) and the error flowing back ({@link TensorRole#ERROR}), each with its own
 * precision.
 *
 * <p>Errors are quantised by cutting the graph (docs/algorithms.md §4.3; DJL has no custom
 * autograd): in training, the forward continues from a detached, quantised copy marked as requiring
 * a gradient, and the cut is recorded; the controller's listener later quantises that copy's
 * gradient and back-propagates it into the original activation. Cuts happen only when the site is
 * bound to a controller (someone must complete them), the engine is PyTorch, gradients are being
 * recorded and the input requires a gradient; otherwise a quantised activation uses the
 * straight-through estimator and the error passes unquantised. Outside training only the activation
 * is quantised.
 *
 * <p>With FP32 for both roles the block returns its input untouched, so training is bit-identical
 * to the same model without sites. It writes nothing into parameter files, so inserting sites keeps
 * a model's files loadable by the original architecture and the reverse.
 */
public class QuantizationSite extends AbstractBlock implements QuantizationPoint {

    private static final byte VERSION = 1;

    private final SiteCore core;

    /**
     * Creates a site from a builder.
     *
     * @param builder the builder
     */
    protected QuantizationSite(Builder builder) {
        super(VERSION);
        core = new SiteCore(builder.name, builder.blockType);
        core.setPrecision(TensorRole.ACTIVATION, builder.activation);
        core.setPrecision(TensorRole.ERROR, builder.error);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SiteCore core() {
        return core;
    }

    @Override
    public void applyPolicy(PrecisionPolicy policy) {
        var d = core.descriptor();
        core.setPrecision(TensorRole.ACTIVATION, policy.resolve(d, TensorRole.ACTIVATION));
        core.setPrecision(TensorRole.ERROR, policy.resolve(d, TensorRole.ERROR));
    }

    /**
     * Returns the activation precision.
     *
     * @return the precision
     */
    public Precision getActivationPrecision() {
        return core.precision(TensorRole.ACTIVATION);
    }

    /**
     * Returns the error precision.
     *
     * @return the precision
     */
    public Precision getErrorPrecision() {
        return core.precision(TensorRole.ERROR);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList out = new NDList(inputs.size());
        for (NDArray x : inputs) {
            out.add(x.getDataType() == DataType.FLOAT32 ? quantize(x, training) : x);
        }
        return out;
    }

    private NDArray quantize(NDArray x, boolean training) {
        Precision act = core.precision(TensorRole.ACTIVATION);
        Precision err = core.precision(TensorRole.ERROR);
        RandomStream actStream = RandomStream.ACTIVATION;
        if (!training) {
            return RunningRange.quantizeActivation(core, x, actStream, act, false, false);
        }
        SiteContext ctx = core.context();
        if (!err.isIdentity() && ctx.errorCuts() && canCut(x)) {
            NDArray detached = x.stopGradient();
            NDArray cut =
                    act.isIdentity()
                            ? detached
                            : RunningRange.quantizeActivation(
                                    core, detached, actStream, act, true, false);
            cut.setRequiresGradient(true);
            SiteState state = core.state(x.getDevice());
            state.addPending(
                    new PendingCut(
                            ctx.nextSequence(),
                            x,
                            cut,
                            err,
                            core.key(RandomStream.ERROR),
                            state.stats(TensorRole.ERROR)));
            return cut;
        }
        return RunningRange.quantizeActivation(core, x, actStream, act, true, true);
    }

    /**
     * Whether the error at {@code x} can be quantised by a cut: only a PyTorch array with autograd
     * history (a leaf that requires a gradient, or the result of a recorded op) has anything above
     * it for the error pass to reach. The model's input and the output of frozen layers have none.
     */
    static boolean canCut(NDArray x) {
        if (!(x instanceof PtNDArray pt) || !JniUtils.isGradMode()) {
            return false;
        }
        // DJL reports requiresGrad for leaves marked so, not for the results of ops.
        return JniUtils.requiresGrad(pt) || hasGradientFunction(pt);
    }

    /**
     * Whether {@code pt}, not a leaf that requires a gradient, is the result of a recorded op. The
     * engine's own query for the gradient function dereferences a null pointer on an array without
     * history and kills the JVM, so it is never called; instead the engine is asked to clear the
     * array's requires-gradient flag, which does nothing to a leaf (its flag is clear, checked
     * above) and is refused with an {@link EngineException} for an array with a gradient function.
     * That refusal costs tens of microseconds, once per site and batch, and only where errors are
     * quantised.
     */
    private static boolean hasGradientFunction(PtNDArray pt) {
        try {
            JniUtils.attachGradient(pt, false);
            return false;
        } catch (EngineException e) {
            return true;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** Writes nothing: a site has no parameters and must not change the file format. */
    @Override
    public void saveParameters(DataOutputStream os) {
        // Intentionally empty: files stay identical to the architecture without sites.
    }

    /** Reads nothing, mirroring {@link #saveParameters}. */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) {
        // Intentionally empty.
    }

    @Override
    public String toString() {
        return "QuantizationSite("
                + core.descriptor().name()
                + ", activation="
                + getActivationPrecision()
                + ", error="
                + getErrorPrecision()
                + ")";
    }

    /** Builds a {@link QuantizationSite}. Both precisions default to FP32. */
    public static final class Builder {

        private String name;
        private String blockType = "QuantizationSite";
        private Precision activation = Precision.FP32;
        private Precision error = Precision.FP32;

        Builder() {}

        /**
         * Names the site (policies match on it); unnamed sites are named by their path.
         *
         * @param value the name
         * @return this builder
         */
        public Builder optName(String value) {
            name = value;
            return this;
        }

        /**
         * Sets the block type the site is described as (e.g. the layer it follows).
         *
         * @param value the simple class name
         * @return this builder
         */
        public Builder optBlockType(String value) {
            blockType = value;
            return this;
        }

        /**
         * Sets the activation precision (until a controller applies its policy).
         *
         * @param value the precision
         * @return this builder
         */
        public Builder optActivation(Precision value) {
            activation = value;
            return this;
        }

        /**
         * Sets the error precision (until a controller applies its policy).
         *
         * @param value the precision
         * @return this builder
         */
        public Builder optError(Precision value) {
            error = value;
            return this;
        }

        /**
         * Builds the site.
         *
         * @return the site
         */
        public QuantizationSite build() {
            if (name != null && name.isEmpty()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            if (blockType == null || activation == null || error == null) {
                throw new IllegalArgumentException(
                        "blockType, activation and error must not be null");
            }
            return new QuantizationSite(this);
        }
    }
}
