/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import static io.github.muppetdjl.quant.quantizer.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.INF_BITS;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.SIGN;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.TWO_POW_23;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.TWO_POW_24;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.pow2;

import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@link ScalarKernel} arithmetic on Java Vector API lanes (Java 17 incubator API), loaded only
 * when {@code jdk.incubator.vector} is present.
 *
 * <p>Written for Java 17's compiler: each loop body is straight-line code with no calls of our own
 * (a call the JIT declines to inline would box every vector), and no float/int lane conversion
 * (Java 17 does not vectorise them). Instead:
 *
 * <ul>
 *   <li>adding and removing {@code 2^23} rounds to an integer by FP32's own ties-to-even (the
 *       spacing there is 1; values from {@code 2^23} up are integers already), and floor is that
 *       minus one where it overshot (the sign bit of the exact {@code y - r}, not a compare);
 *   <li>stochastic rounding compares the generator's {@code u} with {@code (y - floor(y)) * 2^24}
 *       as floats, both exact: {@code u < 2^24} is assembled from its low 23 bits placed in the
 *       significand of {@code 2^23} (exact), minus {@code 2^23} unless its top bit is set;
 *   <li>clamps of non-negative floats are integer min/max on their bits (same order, cheaper than
 *       Java's NaN-aware float min/max);
 *   <li>the generator runs on int lanes, where {@code >>>} and wrap-around products are native.
 * </ul>
 *
 * Ragged ends go through the scalar element functions.
 */
final class VectorKernel implements FastKernel {

    static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();
    static final int MAGIC_BITS = Float.floatToRawIntBits(TWO_POW_23);
    static final FloatVector ZERO = FloatVector.zero(FS);
    static final int LANES = IS.length();
    static final int ONE_BITS = Float.floatToRawIntBits(1f);
    private static final int TWO_POW_24_BITS = Float.floatToRawIntBits(TWO_POW_24);

    /** Lane {@code j} holds {@code j * INDEX_MULTIPLIER}, the generator's per-lane offset. */
    static final IntVector LANE_OFFSETS = laneOffsets();

    VectorKernel() {
        if (FS.length() != LANES) {
            throw new IllegalStateException("float and int species differ in length");
        }
    }

    private static IntVector laneOffsets() {
        int[] offsets = new int[IS.length()];
        for (int j = 0; j < offsets.length; j++) {
            offsets[j] = j * CounterRng.INDEX_MULTIPLIER;
        }
        return IntVector.fromArray(IS, offsets, 0);
    }

    @Override
    public int maxAbsBits(ByteBuffer buf, int from, int to) {
        // Four accumulators keep four loads in flight; the pass is bound by memory reads.
        IntVector a0 = IntVector.zero(IS);
        IntVector a1 = a0;
        IntVector a2 = a0;
        IntVector a3 = a0;
        int step = 4 * LANES;
        int i = from;
        for (int bound = from + (to - from) / step * step; i < bound; i += step) {
            a0 = a0.max(IntVector.fromByteBuffer(IS, buf, 4 * i, ORDER).and(ABS));
            a1 = a1.max(IntVector.fromByteBuffer(IS, buf, 4 * (i + LANES), ORDER).and(ABS));
            a2 = a2.max(IntVector.fromByteBuffer(IS, buf, 4 * (i + 2 * LANES), ORDER).and(ABS));
            a3 = a3.max(IntVector.fromByteBuffer(IS, buf, 4 * (i + 3 * LANES), ORDER).and(ABS));
        }
        int max = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        return Math.max(max, ScalarKernel.INSTANCE.maxAbsBits(buf, i, to));
    }

    @Override
    public void quantizeFloat(
            ByteBuffer buf, int from, int to, FloatPlan plan, long key, long[] counts) {
        int i = VectorFloatLoop.run(buf, from, to, plan, key, counts);
        boolean stochastic = plan.rounding() == Rounding.STOCHASTIC;
        for (; i < to; i++) {
            int u = stochastic ? CounterRng.uniform24(key, i) : 0;
            buf.putInt(4 * i, ScalarKernel.floating(buf.getInt(4 * i), plan, u, counts));
        }
    }

    @Override
    public void quantizeGrid(
            ByteBuffer buf,
            int from,
            int to,
            int scaleExp,
            float maxPos,
            boolean blockScaled,
            Rounding rounding,
            long key,
            long[] counts) {
        if (ScalarKernel.mayReachTwoPow128(scaleExp, maxPos)) {
            // Blocks whose grid reaches 2^128 (maxima near Float.MAX_VALUE) are rare; the scalar
            // kernel applies BlockFloatingPoint's step-back rule for them.
            ScalarKernel.INSTANCE.quantizeGrid(
                    buf, from, to, scaleExp, maxPos, blockScaled, rounding, key, counts);
            return;
        }
        // One factor when 2^s and 2^-s are normal floats (the usual case), else two.
        boolean twoFactors = scaleExp < -126 || scaleExp > 126;
        int s1 = twoFactors ? scaleExp >> 1 : scaleExp;
        float up1 = pow2(s1);
        float up2 = pow2(scaleExp - s1);
        float down1 = pow2(-s1);
        float down2 = pow2(s1 - scaleExp);
        // Scaling up is exact; only a scale below 1 can underflow (see ScalarKernel).
        boolean mayUnderflow = scaleExp < 0;
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        IntVector maxLimit = IntVector.broadcast(IS, Float.floatToRawIntBits(maxPos));
        int negLimit = Float.floatToRawIntBits(maxPos + 1);
        int maxBits = Float.floatToRawIntBits(maxPos);
        boolean nearest = rounding == Rounding.NEAREST_EVEN;
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        boolean counting = counts != null;
        // Within a finite block, |x| * 2^s < 2^(w-1) <= 2^23: no NaN, no clamp, no large y.
        boolean large = !blockScaled;
        long sat = 0;
        long under = 0;
        long nonFinite = 0;
        int i = from;
        for (int bound = from + IS.loopBound(to - from); i < bound; i += LANES) {
            IntVector x = IntVector.fromByteBuffer(IS, buf, 4 * i, ORDER);
            IntVector ab = x.and(ABS);
            // y = |x| * 2^s, raised to MIN_VALUE where it underflowed, capped at 2^24.
            FloatVector scaled = ab.reinterpretAsFloats().mul(up1);
            if (twoFactors) {
                scaled = scaled.mul(up2);
            }
            IntVector yb = scaled.reinterpretAsInts();
            if (stochastic && mayUnderflow) {
                yb = yb.max(ab.min(1));
            }
            if (large) {
                yb = yb.min(TWO_POW_24_BITS);
            }
            FloatVector y = yb.reinterpretAsFloats();
            // ---- rounding (kept identical to VectorFloatLoop) ----
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
                    IntVector h = LANE_OFFSETS.add(i * CounterRng.INDEX_MULTIPLIER + k0);
                    // CounterRng.bits, lane-wise: quadratic steps h * (2h + 1) between add-shifts.
                    h = h.mul(h.add(h).add(1));
                    h = h.add(h.lanewise(VectorOperators.LSHR, 16)).mul(CounterRng.MIX1).add(k1);
                    h = h.mul(h.add(h).add(1));
                    h = h.add(h.lanewise(VectorOperators.LSHR, 13)).mul(CounterRng.MIX2);
                    h = h.add(h.lanewise(VectorOperators.LSHR, 16));
                    // u = h >>> 8 as a float: (2^23 + (u mod 2^23)) - 2^23, plus 2^23 if its top
                    // bit (h's sign bit) is set.
                    FloatVector u =
                            h.lanewise(VectorOperators.LSHR, 8)
                                    .and(0x007fffff)
                                    .or(MAGIC_BITS)
                                    .reinterpretAsFloats()
                                    .sub(TWO_POW_23)
                                    .add(
                                            h.lanewise(VectorOperators.ASHR, 31)
                                                    .and(MAGIC_BITS)
                                                    .reinterpretAsFloats());
                    // frac = y - floor(y) = d + c, exact.
                    VectorMask<Float> up = u.lt(d.add(c).mul(TWO_POW_24));
                    m = m.add(ZERO.blend(1f, up));
                }
            }
            if (large) {
                m = m.blend(y, y.compare(VectorOperators.GE, TWO_POW_23));
            }
            // ---- end rounding ----
            IntVector mb = m.reinterpretAsInts();
            IntVector res;
            if (large) {
                IntVector limit = maxLimit.blend(negLimit, x.compare(VectorOperators.LT, 0));
                if (counting) {
                    VectorMask<Integer> special = ab.compare(VectorOperators.GE, INF_BITS);
                    VectorMask<Integer> finite = special.not();
                    nonFinite += special.trueCount();
                    sat += mb.compare(VectorOperators.GT, limit).and(finite).trueCount();
                    under +=
                            mb.compare(VectorOperators.EQ, 0)
                                    .and(ab.compare(VectorOperators.NE, 0))
                                    .and(finite)
                                    .trueCount();
                }
                FloatVector q = mb.min(limit).reinterpretAsFloats().mul(down1);
                if (twoFactors) {
                    q = q.mul(down2);
                }
                res =
                        q.reinterpretAsInts()
                                .or(x.and(SIGN))
                                .blend(x, ab.compare(VectorOperators.GT, INF_BITS));
            } else {
                // In a block m <= 2^(w-1), which only positive lanes must give up: as signed
                // ints, negative floats sort below every positive limit, so one min clamps.
                IntVector signed = mb.or(x.and(SIGN));
                if (counting) {
                    sat += signed.compare(VectorOperators.GT, maxBits).trueCount();
                    under +=
                            mb.compare(VectorOperators.EQ, 0)
                                    .and(ab.compare(VectorOperators.NE, 0))
                                    .trueCount();
                }
                FloatVector q = signed.min(maxBits).reinterpretAsFloats().mul(down1);
                if (twoFactors) {
                    q = q.mul(down2);
                }
                res = q.reinterpretAsInts();
            }
            res.intoByteBuffer(buf, 4 * i, ORDER);
        }
        if (counting) {
            counts[SATURATED] += sat;
            counts[UNDERFLOWED] += under;
            counts[NON_FINITE] += nonFinite;
        }
        for (; i < to; i++) {
            int u = stochastic ? CounterRng.uniform24(key, i) : 0;
            int bits = buf.getInt(4 * i);
            buf.putInt(
                    4 * i,
                    ScalarKernel.grid(bits, up1, up2, down1, down2, maxPos, rounding, u, counts));
        }
    }
}
