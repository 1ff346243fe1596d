/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import io.github.muppetdjl.quant.integer.DfpArray;
import io.github.muppetdjl.quant.integer.DfpQuantizer;
import io.github.muppetdjl.quant.integer.Gemm;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.RandomStream;
import io.github.muppetdjl.quant.rounding.Rounding;
import io.github.muppetdjl.site.ErrorPass;
import io.github.muppetdjl.site.PendingCut;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteCore;
import io.github.muppetdjl.site.SiteState;

/**
 * The integer DFP16 path of a quantised layer (Das et al., ICLR 2018; docs/algorithms.md §6.4).
 *
 * <p>It runs when an {@link IntegerArithmetic} is set and the policy quantises the layer's {@link
 * TensorRole#WEIGHT} (sites never read that role, so a policy can switch layers on by block type
 * without touching the sites after them). A layer whose weight the policy leaves at FP32, or with
 * no arithmetic set, is its DJL parent, bit for bit. The weight precision's format is not used by
 * this path: input, weight and error are converted to DFP16 with the arithmetic's shift and
 * roundings. The weight it reads is the live weight as the optimizer wrapper leaves it: the FP32
 * master rounded to the weight precision. With {@code bfp(16)} and shift 0 that is already the
 * DFP16 grid; with a shift {@code a > 0} the weight is rounded twice, to {@code bfp(16)} and then
 * to the coarser shifted grid.
 *
 * <p>In training, with a controller that completes cuts (docs/algorithms.md §4.3), the forward
 * product is computed in integers, and the rest of the network continues from its result as a
 * detached leaf, plus the bias (whose gradient autograd computes in FP32). When the cut is
 * completed, the leaf's gradient (the error) is converted to DFP16, the weight gradient is computed
 * as an integer product and seeded into the weight, and the data gradient likewise into the layer's
 * input, whose backward then continues upstream. Without such a controller the layer uses the
 * straight-through estimator: the value is the integer result (up to one FP32 rounding of the
 * difference) and the gradient is the FP32 layer's.
 *
 * <p>A tensor holding NaN or infinity has no DFP16 form: its product is computed in FP64 from the
 * raw values, which carries the non-finite values on, and they are counted.
 */
public final class IntegerPath {

    private volatile IntegerArithmetic arithmetic;

    IntegerPath(IntegerArithmetic arithmetic) {
        this.arithmetic = arithmetic;
    }

    /**
     * Returns the arithmetic, or {@code null} when the path is off.
     *
     * @return the arithmetic
     */
    public IntegerArithmetic arithmetic() {
        return arithmetic;
    }

    /**
     * Sets the arithmetic; {@code null} turns the path off. Takes effect at the next forward.
     *
     * @param value the arithmetic, or {@code null}
     */
    public void setArithmetic(IntegerArithmetic value) {
        arithmetic = value;
    }

    boolean active(SiteCore core) {
        return arithmetic != null && !core.precision(TensorRole.WEIGHT).isIdentity();
    }

    NDArray forward(
            SiteCore core,
            IntegerProduct product,
            NDArray x,
            NDArray w,
            NDArray b,
            boolean training) {
        IntegerArithmetic spec = arithmetic;
        SiteState st = core.state(x.getDevice());
        DfpArray xq = convert(core, st, x, spec.inputRounding(), TensorRole.ACTIVATION, spec);
        DfpArray wq = convert(core, st, w, spec.weightRounding(), TensorRole.WEIGHT, spec);
        long[] tally = new long[4];
        NDArray y = product.forward(xq, wq, spec, tally);
        st.overflows(Gemm.FORWARD).add(tally);
        if (!training) {
            return product.addBias(y, b);
        }
        SiteContext ctx = core.context();
        boolean weightGrad = w.hasGradient();
        boolean inputGrad = QuantizationSite.canCut(x);
        if (ctx.errorCuts() && x instanceof PtNDArray && JniUtils.isGradMode()) {
            y.setRequiresGradient(true);
            // An op on the weight, recorded now, through which the weight gradient is seeded later
            // (the integer product itself is outside the graph).
            NDArray tap = weightGrad ? w.reshape(w.getShape()) : null;
            NDArray out = product.addBias(y, b);
            st.addPending(
                    new PendingCut(
                            ctx.nextSequence(),
                            x,
                            y,
                            Precision.FP32,
                            core.key(RandomStream.ERROR),
                            st.stats(TensorRole.ERROR),
                            new Backward(core, st, product, spec, x, y, tap, inputGrad, xq, wq)));
            return out;
        }
        NDArray plain = product.plain(x, w, b);
        return product.addBias(y, b).sub(plain).stopGradient().add(plain);
    }

    private static DfpArray convert(
            SiteCore core,
            SiteState st,
            NDArray a,
            Rounding rounding,
            TensorRole role,
            IntegerArithmetic spec) {
        RandomStream stream =
                switch (role) {
                    case WEIGHT -> RandomStream.WEIGHT;
                    case ERROR -> RandomStream.ERROR;
                    default -> RandomStream.ACTIVATION;
                };
        DfpArray q =
                DfpQuantizer.quantize(a, spec.shift(), rounding, core.key(stream), st.stats(role));
        return q != null ? q : new DfpArray(a.toType(DataType.FLOAT64, true), 0);
    }

    /**
     * The layer's backward pass, run when the listener completes its cut: the error is the cut
     * leaf's gradient; the weight gradient goes in through {@code tap}, the data gradient into
     * {@code x}.
     */
    private record Backward(
            SiteCore core,
            SiteState st,
            IntegerProduct product,
            IntegerArithmetic spec,
            NDArray x,
            NDArray y,
            NDArray tap,
            boolean inputGrad,
            DfpArray xq,
            DfpArray wq)
            implements ErrorPass {

        @Override
        public void run(boolean keepGraph) {
            DfpArray eq =
                    convert(
                            core,
                            st,
                            y.getGradient(),
                            spec.errorRounding(),
                            TensorRole.ERROR,
                            spec);
            if (tap != null) {
                long[] t = new long[4];
                NDArray dw = product.backwardWeights(xq, eq, tap.getShape(), spec, t);
                st.overflows(Gemm.BACKWARD_WEIGHTS).add(t);
                JniUtils.backward((PtNDArray) tap, (PtNDArray) dw, false, false);
            }
            if (inputGrad) {
                long[] t = new long[4];
                NDArray dx = product.backwardData(eq, wq, x.getShape(), spec, t);
                st.overflows(Gemm.BACKWARD_DATA).add(t);
                JniUtils.backward((PtNDArray) x, (PtNDArray) dx, keepGraph, false);
            }
        }
    }
}
