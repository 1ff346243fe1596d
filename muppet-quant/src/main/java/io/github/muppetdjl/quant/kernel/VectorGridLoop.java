/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.INF_BITS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.SIGN;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_23;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_24;
import static io.github.muppetdjl.quant.kernel.VectorKernel.IS;
import static io.github.muppetdjl.quant.kernel.VectorKernel.LANES;
import static io.github.muppetdjl.quant.kernel.VectorKernel.ONE_BITS;
import static io.github.muppetdjl.quant.kernel.VectorStage.IOTA;

import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector loop of {@link FastKernel#quantizeGrid} for fixed point over one stage, written under
 * {@link VectorKernel}'s rules. Scaled blocks have loops of their own ({@link VectorBlockDirect},
 * {@link VectorBlockStochastic}).
 */
final class VectorGridLoop {

    private static final int TWO_POW_24_BITS = Float.floatToRawIntBits(TWO_POW_24);

    private VectorGridLoop() {}

    /**
     * Quantises one stage in place, each lane's draw keyed by its row-major index: the stage's
     * position in memory for a row-major tensor, its logical index for a channels-last one (see
     * {@link ChannelsLast}). {@code channels} is a multiple of {@link VectorKernel#LANES}, so a
     * vector never straddles two runs of channels and its lanes' indices step by {@code inner}.
     *
     * @param stage the staged elements, raw FP32 bits
     * @param len how many, a multiple of {@link VectorKernel#LANES}
     * @param base the memory position of {@code stage[0]}
     * @param plan the grid
     * @param key the generator key
     * @param counts statistics to add to, or null
     * @param channels the channel count, or 0 for a row-major tensor
     * @param inner the spatial size (1 for a row-major tensor)
     */
    static void run(
            int[] stage,
            int len,
            int base,
            GridPlan plan,
            long key,
            long[] counts,
            int channels,
            int inner) {
        float up1 = plan.up1();
        float up2 = plan.up2();
        float down1 = plan.down1();
        float down2 = plan.down2();
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        IntVector maxLimit = IntVector.broadcast(IS, Float.floatToRawIntBits(plan.maxPos()));
        int negLimit = Float.floatToRawIntBits(plan.maxPos() + 1);
        boolean nearest = plan.rounding() == Rounding.NEAREST_EVEN;
        boolean stochastic = plan.rounding() == Rounding.STOCHASTIC;
        // Scaling up is exact; only a scale below 1 can underflow (see ScalarKernel), and only
        // stochastic rounding must see such a lane as above zero (MIN_VALUE).
        int lowBit = stochastic && plan.scaleExp() < 0 ? 1 : 0;
        IntVector satLanes = IntVector.zero(IS);
        IntVector underLanes = IntVector.zero(IS);
        IntVector finiteLanes = IntVector.zero(IS);
        // The generator's first product h0 * (2 h0 + 1), h0 = index * W + k0, from each lane's
        // row-major index. A row-major stage is one run of channels as long as the tensor (inner
        // 1); channels-last, lane j of a vector at channel c0 of spatial position sp of sample n
        // has the index (n * C + c0 + j) * inner + sp. One computation for both, with scalar
        // counters: a vector assigned on one branch only would meet the other at a merge point,
        // where Java 17 boxes it (an allocation per vector once both kinds of tensor have run).
        int runLength = channels > 0 ? channels : Integer.MAX_VALUE;
        IntVector laneSteps = IOTA.mul(inner * CounterRng.INDEX_MULTIPLIER);
        int c0 = channels > 0 ? base % channels : base;
        int spatial = channels > 0 ? (base / channels) % inner : 0;
        int sample = channels > 0 ? base / channels / inner : 0;
        for (int j = 0; j < len; j += LANES) {
            int index = (sample * runLength + c0) * inner + spatial;
            IntVector h0 = laneSteps.add(index * CounterRng.INDEX_MULTIPLIER + k0);
            IntVector first = h0.mul(h0.add(h0).add(1));
            c0 += LANES;
            if (c0 == runLength) {
                c0 = 0;
                if (++spatial == inner) {
                    spatial = 0;
                    sample++;
                }
            }
            IntVector x = IntVector.fromArray(IS, stage, j);
            IntVector ab = x.and(ABS);
            // y = |x| * 2^s, raised to MIN_VALUE where it underflowed, capped at 2^24. Every
            // step runs on every configuration (a factor of 1, a floor of 0), and so do the clamp
            // and the statistics below: under a mixed profile (several grids, with and without
            // statistics) a vector merged from two branches made Java 17 allocate a box for every
            // vector, which slowed the loop 2.5 times.
            IntVector yb =
                    ab.reinterpretAsFloats()
                            .mul(up1)
                            .mul(up2)
                            .reinterpretAsInts()
                            .max(ab.min(lowBit))
                            .min(TWO_POW_24_BITS);
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
            // Values from 2^23 on are integers already.
            m = m.blend(y, y.compare(VectorOperators.GE, TWO_POW_23));
            // ---- end rounding ----
            IntVector mb = m.reinterpretAsInts();
            // The clamp: a negative lane may reach maxPos + 1 (the two's complement minimum), a
            // positive one maxPos.
            IntVector limit = maxLimit.blend(negLimit, x.compare(VectorOperators.LT, 0));
            FloatVector q = mb.min(limit).reinterpretAsFloats().mul(down1).mul(down2);
            IntVector res =
                    q.reinterpretAsInts()
                            .or(x.and(SIGN))
                            .blend(x, ab.compare(VectorOperators.GT, INF_BITS));
            // Statistics in int lanes (masks and their trueCount make Java 17 allocate per
            // vector). Finite: 1 where |x| < Inf. Saturated: a finite lane above its limit (the
            // difference of two non-negative floats' bits cannot overflow). Underflowed: a zero
            // input always quantises to zero, so the underflows are the zeros out minus the
            // zeros in ((v - 1) >>> 31 is 1 exactly for v == 0 when v >= 0; a non-finite lane's
            // m is 2^24, never 0).
            IntVector finite = ab.sub(INF_BITS).lanewise(VectorOperators.LSHR, 31);
            finiteLanes = finiteLanes.add(finite);
            satLanes = satLanes.add(limit.sub(mb).lanewise(VectorOperators.LSHR, 31).and(finite));
            underLanes =
                    underLanes
                            .add(mb.sub(1).lanewise(VectorOperators.LSHR, 31))
                            .sub(ab.sub(1).lanewise(VectorOperators.LSHR, 31));
            res.intoArray(stage, j);
        }
        if (counts != null) {
            counts[FastKernel.SATURATED] += satLanes.reduceLanes(VectorOperators.ADD);
            counts[FastKernel.UNDERFLOWED] += underLanes.reduceLanes(VectorOperators.ADD);
            counts[FastKernel.NON_FINITE] +=
                    len - (long) finiteLanes.reduceLanes(VectorOperators.ADD);
        }
    }
}
