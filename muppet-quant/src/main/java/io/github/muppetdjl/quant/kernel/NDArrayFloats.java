/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.NDArrayMath.count;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * Floating-point formats for {@link NDArrayQuantizer}: each element's grid step is {@code 2^(e -
 * mantissaBits)} for its exponent {@code e} (found exactly by {@link NDArrayMath#leadingPow2}), or
 * the subnormal step below the smallest normal.
 */
final class NDArrayFloats {

    private NDArrayFloats() {}

    static NDArray quantize(
            NDManager tmp,
            NDArray flat,
            FloatingPoint fp,
            Rounding rounding,
            long key,
            long[] counts) {
        FloatPlan plan = FloatPlan.of(fp, rounding);
        NDArray a = flat.toType(DataType.FLOAT64, true).abs();
        NDArray finite = a.lt(Double.POSITIVE_INFINITY);
        NDArray positive = a.gt(0.0).logicalAnd(finite);
        NDArray one = tmp.create(1.0);
        NDArray safe = NDArrayMath.where(positive, a, one);
        NDArray lead = NDArrayMath.leadingPow2(tmp, safe);
        safe.close();
        positive.close();
        int emin = fp.minExponent();
        NDArray normal = lead.gte(Math.scalb(1.0, emin));
        NDArray normalStep = lead.muli(Math.scalb(1.0, -fp.mantissaBits()));
        double subStep = Math.scalb(1.0, emin - plan.subMantissaBits());
        NDArray step = NDArrayMath.where(normal, normalStep, tmp.create(subStep));
        normal.close();
        normalStep.close();
        NDArray u = NDArrayQuantizer.uniform(tmp, flat, rounding, key);
        NDArray q64 = roundMagnitude(a.div(step), rounding, u).muli(step);
        step.close();
        NDArray over = q64.gt((double) plan.max());
        if (counts != null) {
            counts[FastKernel.NON_FINITE] += count(finite.logicalNot());
            counts[FastKernel.SATURATED] += count(over.logicalAnd(finite));
            NDArray zero = q64.eq(0.0).logicalAnd(a.neq(0.0));
            counts[FastKernel.UNDERFLOWED] += count(zero.logicalAnd(finite));
            zero.close();
        }
        NDArray q = q64.toType(DataType.FLOAT32, false);
        q64.close();
        float overflowValue =
                plan.overflowToMax()
                        ? plan.max()
                        : plan.ieee() ? Float.POSITIVE_INFINITY : Float.NaN;
        NDArray r =
                NDArrayMath.copySign(NDArrayMath.where(over, tmp.create(overflowValue), q), flat);
        if (Float.isNaN(overflowValue)) {
            // FN overflow gives the canonical NaN, without the input's sign.
            r = NDArrayMath.swap(r, NDArrayMath.where(over, tmp.create(Float.NaN), r));
        }
        NDArray infinite = a.eq(Double.POSITIVE_INFINITY);
        if (plan.saturate()) {
            NDArray max =
                    NDArrayMath.copySign(tmp.create(plan.max()).broadcast(flat.getShape()), flat);
            r = NDArrayMath.swap(r, NDArrayMath.where(infinite, max, r));
        } else if (!plan.ieee()) {
            r = NDArrayMath.swap(r, NDArrayMath.where(infinite, tmp.create(Float.NaN), r));
        } else {
            r = NDArrayMath.swap(r, NDArrayMath.where(infinite, flat, r));
        }
        NDArray nan = flat.isNaN();
        return NDArrayMath.where(nan, flat, r);
    }

    private static NDArray roundMagnitude(NDArray y, Rounding rounding, NDArray u) {
        return NDArrayMath.roundMagnitude(y, rounding, u);
    }
}
