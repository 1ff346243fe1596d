/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.INF_BITS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.NAN_BITS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.SIGN;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_23;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_24;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.pow2;
import static io.github.muppetdjl.quant.kernel.VectorKernel.IS;
import static io.github.muppetdjl.quant.kernel.VectorKernel.LANES;
import static io.github.muppetdjl.quant.kernel.VectorKernel.ONE_BITS;
import static io.github.muppetdjl.quant.kernel.VectorStage.IOTA;
import static io.github.muppetdjl.quant.kernel.VectorStage.SECOND_DIFFERENCE;
import static io.github.muppetdjl.quant.kernel.VectorStage.STEP;

import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector loop for {@link io.github.muppetdjl.quant.format.FloatingPoint} formats, written under
 * the same rules as {@link VectorKernel} (straight-line body, no lane conversions). An element in
 * the format's normal range is scaled by its own exponent, read from its bits: its significand
 * {@code [1, 2)} times {@code 2^mantissaBits}; below, by the fixed subnormal scale.
 */
final class VectorFloatLoop {

    private VectorFloatLoop() {}

    /**
     * Quantises one stage in place.
     *
     * @param stage the staged elements, raw FP32 bits
     * @param len how many, a multiple of {@link VectorKernel#LANES}
     * @param base the tensor index of {@code stage[0]}
     * @param plan the format's constants
     * @param key the generator key
     * @param counts statistics to add to, or null
     */
    static void run(int[] stage, int len, int base, FloatPlan plan, long key, long[] counts) {
        int minBiased = plan.minBiasedExp();
        float upNormal = pow2(plan.mantissaBits());
        // Two factors: 2^-emin * 2^mbs can exceed the float range (2^149 for e8m23).
        float subScale = plan.subScale();
        float upSub = pow2(plan.subMantissaBits());
        int downSubBits = Float.floatToRawIntBits(pow2(-plan.subMantissaBits()));
        int downNormalBits = Float.floatToRawIntBits(pow2(-plan.mantissaBits()));
        int maxBits = Float.floatToRawIntBits(plan.max());
        int overflowBits = plan.overflowToMax() ? maxBits : plan.ieee() ? INF_BITS : NAN_BITS;
        boolean overflowIsNaN = !plan.overflowToMax() && !plan.ieee();
        int infBits = plan.saturate() ? maxBits : plan.ieee() ? INF_BITS : NAN_BITS;
        boolean infKeepsSign = plan.saturate() || plan.ieee();
        boolean infKeepsInput = plan.ieee() && !plan.saturate();
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        boolean nearest = plan.rounding() == Rounding.NEAREST_EVEN;
        boolean stochastic = plan.rounding() == Rounding.STOCHASTIC;
        boolean counting = counts != null;
        // Below 2^23 every y needs rounding; only wide mantissas reach beyond.
        boolean large = plan.mantissaBits() >= 22;
        long sat = 0;
        long under = 0;
        long nonFinite = 0;
        // The generator's running first products (see VectorStage).
        // Written out here: a vector returned by a call the JIT does not inline is boxed, and a
        // loop-carried one then once per iteration.
        IntVector h0 = IOTA.add(base).mul(CounterRng.INDEX_MULTIPLIER).add(k0);
        IntVector p = h0.mul(h0.add(h0).add(1));
        IntVector dp = h0.mul(4 * STEP).add(2 * STEP * STEP + STEP);
        for (int j = 0; j < len; j += LANES) {
            // Advanced whatever the rounding: a vector carried around the loop but updated only
            // on some paths is boxed on every iteration by Java 17's compiler.
            IntVector first = p;
            p = p.add(dp);
            dp = dp.add(SECOND_DIFFERENCE);
            IntVector x = IntVector.fromArray(IS, stage, j);
            IntVector ab = x.and(ABS);
            IntVector biased = ab.lanewise(VectorOperators.LSHR, 23);
            // Blends on int lanes: Java 17 has no cheap int-to-float mask conversion.
            VectorMask<Integer> normal = biased.compare(VectorOperators.GE, minBiased);
            IntVector yNormal =
                    ab.and(0x007fffff)
                            .or(0x3f800000)
                            .reinterpretAsFloats()
                            .mul(upNormal)
                            .reinterpretAsInts();
            IntVector yb =
                    ab.reinterpretAsFloats()
                            .mul(subScale)
                            .mul(upSub)
                            .reinterpretAsInts()
                            .blend(yNormal, normal);
            FloatVector y = yb.reinterpretAsFloats();
            // ---- rounding (kept identical to VectorGridLoop) ----
            FloatVector m = y.add(TWO_POW_23).sub(TWO_POW_23);
            if (!nearest) {
                // Floor: one less where the rounded value overshot, read off the sign of y - m
                // (exact) rather than a compare, which would compete for the mask port.
                FloatVector d = y.sub(m);
                FloatVector c =
                        d.reinterpretAsInts()
                                .lanewise(VectorOperators.ASHR, 31)
                                .and(ONE_BITS)
                                .reinterpretAsFloats();
                m = m.sub(c);
                if (stochastic) {
                    // CounterRng.bits, lane-wise, from the first product on.
                    IntVector h = first;
                    h = h.add(h.lanewise(VectorOperators.LSHR, 16)).mul(CounterRng.MIX1).add(k1);
                    h = h.mul(h.add(h).add(1));
                    h = h.add(h.lanewise(VectorOperators.LSHR, 13)).mul(CounterRng.MIX2);
                    h = h.add(h.lanewise(VectorOperators.LSHR, 16));
                    FloatVector u =
                            (FloatVector)
                                    h.lanewise(VectorOperators.LSHR, 8)
                                            .convert(VectorOperators.I2F, 0);
                    // Up where u - frac * 2^24 < 0; frac = y - floor(y) = d + c, exact.
                    m =
                            m.add(
                                    u.sub(d.add(c).mul(TWO_POW_24))
                                            .reinterpretAsInts()
                                            .lanewise(VectorOperators.ASHR, 31)
                                            .and(ONE_BITS)
                                            .reinterpretAsFloats());
                }
            }
            if (large) {
                m = m.blend(y, y.compare(VectorOperators.GE, TWO_POW_23));
            }
            // ---- end rounding ----
            FloatVector post =
                    biased.max(minBiased).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector down =
                    IntVector.broadcast(IS, downSubBits)
                            .blend(downNormalBits, normal)
                            .reinterpretAsFloats();
            IntVector qb = m.mul(down).mul(post).reinterpretAsInts();
            // q >= 0, and non-negative floats order as their bits do.
            VectorMask<Integer> over = qb.compare(VectorOperators.GT, maxBits);
            IntVector res = qb.blend(overflowBits, over).or(x.and(SIGN));
            if (overflowIsNaN) {
                res = res.blend(NAN_BITS, over);
            }
            VectorMask<Integer> special = ab.compare(VectorOperators.GE, INF_BITS);
            if (counting) {
                VectorMask<Integer> finite = special.not();
                nonFinite += special.trueCount();
                sat += over.and(finite).trueCount();
                under +=
                        qb.compare(VectorOperators.EQ, 0)
                                .and(ab.compare(VectorOperators.NE, 0))
                                .and(finite)
                                .trueCount();
            }
            if (special.anyTrue()) {
                IntVector inf = IntVector.broadcast(IS, infBits);
                if (infKeepsSign) {
                    inf = inf.or(x.and(SIGN));
                }
                if (infKeepsInput) {
                    inf = x;
                }
                res = res.blend(inf, special).blend(x, ab.compare(VectorOperators.GT, INF_BITS));
            }
            res.intoArray(stage, j);
        }
        if (counting) {
            counts[FastKernel.SATURATED] += sat;
            counts[FastKernel.UNDERFLOWED] += under;
            counts[FastKernel.NON_FINITE] += nonFinite;
        }
    }
}
