/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import static io.github.muppetdjl.quant.quantizer.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.INF_BITS;
import static io.github.muppetdjl.quant.quantizer.ScalarKernel.NAN_BITS;
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
 * when {@code jdk.incubator.vector} is present. Clamps of non-negative floats are done as integer
 * min/max on their bits (same order, and cheaper than Java's NaN-aware float min/max); the
 * generator runs on int lanes, where {@code >>>} and wrap-around multiplication are native; ragged
 * ends go through the scalar element functions.
 */
final class VectorKernel implements FastKernel {

    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int LANES = IS.length();
    private static final int MIN_VALUE_BITS = 1;
    private static final int TWO_POW_24_BITS = Float.floatToRawIntBits(TWO_POW_24);

    /** Lane {@code j} holds {@code j * INDEX_MULTIPLIER}, the generator's per-lane offset. */
    private final IntVector laneOffsets;

    VectorKernel() {
        if (FS.length() != LANES) {
            throw new IllegalStateException("float and int species differ in length");
        }
        int[] offsets = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            offsets[j] = j * CounterRng.INDEX_MULTIPLIER;
        }
        laneOffsets = IntVector.fromArray(IS, offsets, 0);
    }

    @Override
    public int maxAbsBits(ByteBuffer buf, int from, int to) {
        IntVector acc = IntVector.zero(IS);
        int i = from;
        for (int bound = from + IS.loopBound(to - from); i < bound; i += LANES) {
            acc = acc.max(IntVector.fromByteBuffer(IS, buf, 4 * i, ORDER).and(ABS));
        }
        int max = acc.reduceLanes(VectorOperators.MAX);
        return Math.max(max, ScalarKernel.INSTANCE.maxAbsBits(buf, i, to));
    }

    /** The uniform 24-bit integers of elements {@code i .. i+LANES-1}, as floats. */
    private FloatVector uniform(int i, int k0, int k1) {
        IntVector h = laneOffsets.add(i * CounterRng.INDEX_MULTIPLIER + k0);
        h = h.add(h.lanewise(VectorOperators.LSHR, 16)).mul(CounterRng.MIX1).add(k1);
        h = h.add(h.lanewise(VectorOperators.LSHR, 13)).mul(CounterRng.MIX2);
        h = h.add(h.lanewise(VectorOperators.LSHR, 16));
        return (FloatVector) h.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0);
    }

    /** Rounds lanes {@code 0 <= y <= 2^24} to integers, as {@link ScalarKernel#roundMagnitude}. */
    private FloatVector round(FloatVector y, Rounding rounding, int i, int k0, int k1) {
        if (rounding == Rounding.NEAREST_EVEN) {
            // Adding 2^23 leaves unit spacing, so FP32's own ties-to-even does the rounding;
            // values from 2^23 up are already integers.
            return y.add(TWO_POW_23)
                    .sub(TWO_POW_23)
                    .blend(y, y.compare(VectorOperators.GE, TWO_POW_23));
        }
        FloatVector low =
                (FloatVector) y.convert(VectorOperators.F2I, 0).convert(VectorOperators.I2F, 0);
        if (rounding == Rounding.TOWARD_ZERO) {
            return low;
        }
        VectorMask<Float> up = uniform(i, k0, k1).lt(y.sub(low).mul(TWO_POW_24));
        return low.add(1f, up);
    }

    @Override
    public void quantizeGrid(
            ByteBuffer buf,
            int from,
            int to,
            int scaleExp,
            float maxPos,
            Rounding rounding,
            long key,
            long[] counts) {
        int s1 = scaleExp >> 1;
        float up1 = pow2(s1);
        float up2 = pow2(scaleExp - s1);
        float down1 = pow2(-s1);
        float down2 = pow2(s1 - scaleExp);
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        int maxBits = Float.floatToRawIntBits(maxPos);
        int negMaxBits = Float.floatToRawIntBits(maxPos + 1);
        long sat = 0;
        long under = 0;
        long nonFinite = 0;
        int i = from;
        for (int bound = from + IS.loopBound(to - from); i < bound; i += LANES) {
            IntVector x = IntVector.fromByteBuffer(IS, buf, 4 * i, ORDER);
            IntVector ab = x.and(ABS);
            FloatVector a = ab.reinterpretAsFloats();
            IntVector yBits =
                    a.mul(up1)
                            .mul(up2)
                            .reinterpretAsInts()
                            .max(ab.min(MIN_VALUE_BITS))
                            .min(TWO_POW_24_BITS);
            FloatVector m = round(yBits.reinterpretAsFloats(), rounding, i, k0, k1);
            IntVector limit = IntVector.broadcast(IS, maxBits).blend(negMaxBits, x.lt(0));
            IntVector mBits = m.reinterpretAsInts();
            if (counts != null) {
                VectorMask<Integer> special = ab.compare(VectorOperators.GE, INF_BITS);
                nonFinite += special.trueCount();
                VectorMask<Integer> finite = special.not();
                sat += mBits.compare(VectorOperators.GT, limit).and(finite).trueCount();
                under +=
                        mBits.compare(VectorOperators.EQ, 0)
                                .and(ab.compare(VectorOperators.NE, 0))
                                .and(finite)
                                .trueCount();
            }
            IntVector q =
                    mBits.min(limit)
                            .reinterpretAsFloats()
                            .mul(down1)
                            .mul(down2)
                            .reinterpretAsInts();
            q.or(x.and(SIGN))
                    .blend(x, ab.compare(VectorOperators.GT, INF_BITS))
                    .intoByteBuffer(buf, 4 * i, ORDER);
        }
        if (counts != null) {
            counts[SATURATED] += sat;
            counts[UNDERFLOWED] += under;
            counts[NON_FINITE] += nonFinite;
        }
        for (; i < to; i++) {
            int u = rounding == Rounding.STOCHASTIC ? CounterRng.uniform24(key, i) : 0;
            int bits = buf.getInt(4 * i);
            buf.putInt(
                    4 * i,
                    ScalarKernel.grid(bits, up1, up2, down1, down2, maxPos, rounding, u, counts));
        }
    }

    @Override
    public void quantizeFloat(
            ByteBuffer buf, int from, int to, FloatPlan plan, long key, long[] counts) {
        int minBiased = plan.minBiasedExp();
        float upNormal = pow2(plan.mantissaBits());
        float downNormal = pow2(-plan.mantissaBits());
        // Two factors: 2^-emin * 2^mbs can exceed the float range (2^149 for e8m23).
        float upSub = pow2(plan.subMantissaBits());
        float downSub = pow2(-plan.subMantissaBits());
        int maxBits = Float.floatToRawIntBits(plan.max());
        int overflowBits = plan.overflowToMax() ? maxBits : plan.ieee() ? INF_BITS : NAN_BITS;
        boolean overflowIsNaN = !plan.overflowToMax() && !plan.ieee();
        int infBits = plan.saturate() ? maxBits : plan.ieee() ? INF_BITS : NAN_BITS;
        boolean infKeepsSign = plan.saturate() || plan.ieee();
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        Rounding rounding = plan.rounding();
        long sat = 0;
        long under = 0;
        long nonFinite = 0;
        int i = from;
        for (int bound = from + IS.loopBound(to - from); i < bound; i += LANES) {
            IntVector x = IntVector.fromByteBuffer(IS, buf, 4 * i, ORDER);
            IntVector ab = x.and(ABS);
            IntVector biased = ab.lanewise(VectorOperators.LSHR, 23);
            VectorMask<Float> normal = biased.compare(VectorOperators.GE, minBiased).cast(FS);
            FloatVector significand = ab.and(0x007fffff).or(0x3f800000).reinterpretAsFloats();
            FloatVector y =
                    ab.reinterpretAsFloats()
                            .mul(plan.subScale())
                            .mul(upSub)
                            .blend(significand.mul(upNormal), normal);
            FloatVector m = round(y, rounding, i, k0, k1);
            FloatVector post =
                    biased.max(minBiased).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector down = FloatVector.broadcast(FS, downSub).blend(downNormal, normal);
            FloatVector q = m.mul(down).mul(post);
            VectorMask<Integer> over = q.compare(VectorOperators.GT, plan.max()).cast(IS);
            IntVector res = q.reinterpretAsInts().blend(overflowBits, over).or(x.and(SIGN));
            if (overflowIsNaN) {
                res = res.blend(NAN_BITS, over);
            }
            VectorMask<Integer> special = ab.compare(VectorOperators.GE, INF_BITS);
            if (counts != null) {
                VectorMask<Integer> finite = special.not();
                nonFinite += special.trueCount();
                sat += over.and(finite).trueCount();
                under +=
                        q.reinterpretAsInts()
                                .compare(VectorOperators.EQ, 0)
                                .and(ab.compare(VectorOperators.NE, 0))
                                .and(finite)
                                .trueCount();
            }
            if (special.anyTrue()) {
                IntVector inf = IntVector.broadcast(IS, infBits);
                if (infKeepsSign) {
                    inf = inf.or(x.and(SIGN));
                }
                if (plan.ieee() && !plan.saturate()) {
                    inf = x;
                }
                res = res.blend(inf, special).blend(x, ab.compare(VectorOperators.GT, INF_BITS));
            }
            res.intoByteBuffer(buf, 4 * i, ORDER);
        }
        if (counts != null) {
            counts[SATURATED] += sat;
            counts[UNDERFLOWED] += under;
            counts[NON_FINITE] += nonFinite;
        }
        for (; i < to; i++) {
            int u = rounding == Rounding.STOCHASTIC ? CounterRng.uniform24(key, i) : 0;
            buf.putInt(4 * i, ScalarKernel.floating(buf.getInt(4 * i), plan, u, counts));
        }
    }
}
