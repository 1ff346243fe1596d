/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.SIGN;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_23;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_24;
import static io.github.muppetdjl.quant.kernel.VectorKernel.IS;
import static io.github.muppetdjl.quant.kernel.VectorKernel.LANES;
import static io.github.muppetdjl.quant.kernel.VectorStage.IOTA;

import io.github.muppetdjl.quant.rounding.CounterRng;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector loop of {@link FastKernel#quantizeGrid} for a finite, scaled block (block floating
 * point, MuPPET's format) under stochastic rounding, over one stage: the case training spends most
 * of its quantisation time in, so it has a loop of its own with only the work that case needs.
 *
 * <p>It gives {@link VectorGridLoop}'s results bit for bit, with less arithmetic: inside a finite
 * block {@code |x| * 2^s < 2^(w-1) <= 2^23}, so there is no cap, no NaN or infinity to pass through
 * and no value at or above {@code 2^23} to keep, and the grid index stays an int lane (rounded,
 * floored and clamped as an integer) until one conversion back. Java 17 cannot convert a float
 * vector to ints lane-wise without boxing (F2I is not intrinsified there), so the floor comes from
 * the bits of {@code y + 2^23}.
 */
final class VectorBlockStochastic {

    /** Bits of {@code 2^23}: subtracting them from {@code y + 2^23} leaves {@code rint(y)}. */
    private static final int TWO_POW_23_BITS = Float.floatToRawIntBits(TWO_POW_23);

    private VectorBlockStochastic() {}

    /**
     * Quantises one stage in place; the arguments are {@link VectorGridLoop#run}'s, with a plan
     * that is {@code blockScaled} and stochastic and whose range is finite (every {@code |x|} at
     * most the block's maximum).
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
        int maxPos = (int) plan.maxPos();
        // Only a scale below 1 can underflow; such a lane must still round up with probability
        // 2^-24 (u24 == 0), as the reference's raise to MIN_VALUE gives.
        int lowBit = plan.scaleExp() < 0 ? 1 : 0;
        IntVector satLanes = IntVector.zero(IS);
        IntVector underLanes = IntVector.zero(IS);
        // Each lane's row-major index, as in VectorGridLoop (one computation for both layouts).
        int runLength = channels > 0 ? channels : Integer.MAX_VALUE;
        IntVector laneSteps = IOTA.mul(inner * CounterRng.INDEX_MULTIPLIER);
        int c0 = channels > 0 ? base % channels : base;
        int spatial = channels > 0 ? (base / channels) % inner : 0;
        int sample = channels > 0 ? base / channels / inner : 0;
        for (int j = 0; j < len; j += LANES) {
            int index = (sample * runLength + c0) * inner + spatial;
            IntVector h0 = laneSteps.add(index * CounterRng.INDEX_MULTIPLIER + k0);
            c0 += LANES;
            if (c0 == runLength) {
                c0 = 0;
                if (++spatial == inner) {
                    spatial = 0;
                    sample++;
                }
            }
            // CounterRng.bits, lane-wise.
            IntVector h = h0.mul(h0.add(h0).add(1));
            h = h.add(h.lanewise(VectorOperators.LSHR, 16)).mul(CounterRng.MIX1).add(k1);
            h = h.mul(h.add(h).add(1));
            h = h.add(h.lanewise(VectorOperators.LSHR, 13)).mul(CounterRng.MIX2);
            h = h.add(h.lanewise(VectorOperators.LSHR, 16));
            FloatVector u =
                    (FloatVector)
                            h.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0);
            IntVector x = IntVector.fromArray(IS, stage, j);
            IntVector ab = x.and(ABS);
            FloatVector y =
                    ab.reinterpretAsFloats()
                            .mul(up1)
                            .mul(up2)
                            .reinterpretAsInts()
                            .max(ab.min(lowBit))
                            .reinterpretAsFloats();
            // t = y + 2^23 holds rint(y) in its low bits; y - rint(y) is exact, and negative
            // exactly where rint rounded up, so floor(y) = rint(y) - (y - rint(y) < 0). The
            // fraction y - floor(y), times 2^24, is exact too.
            FloatVector t = y.add(TWO_POW_23);
            IntVector floor =
                    t.reinterpretAsInts()
                            .sub(TWO_POW_23_BITS)
                            .sub(
                                    y.sub(t.sub(TWO_POW_23))
                                            .reinterpretAsInts()
                                            .lanewise(VectorOperators.LSHR, 31));
            FloatVector frac24 =
                    y.sub((FloatVector) floor.convert(VectorOperators.I2F, 0)).mul(TWO_POW_24);
            // Up where u24 < frac * 2^24: the sign of the (exactly signed) difference.
            IntVector q =
                    floor.add(u.sub(frac24).reinterpretAsInts().lanewise(VectorOperators.LSHR, 31));
            // A negative lane may reach maxPos + 1 (-2^(w-1) is on the grid), a positive maxPos.
            IntVector limit = x.lanewise(VectorOperators.LSHR, 31).add(maxPos);
            satLanes = satLanes.add(limit.sub(q).lanewise(VectorOperators.LSHR, 31));
            // Underflowed: zeros out minus zeros in (a zero input always gives zero).
            underLanes =
                    underLanes
                            .add(q.sub(1).lanewise(VectorOperators.LSHR, 31))
                            .sub(ab.sub(1).lanewise(VectorOperators.LSHR, 31));
            ((FloatVector) q.min(limit).convert(VectorOperators.I2F, 0))
                    .mul(down1)
                    .mul(down2)
                    .reinterpretAsInts()
                    .or(x.and(SIGN))
                    .intoArray(stage, j);
        }
        if (counts != null) {
            counts[FastKernel.SATURATED] += satLanes.reduceLanes(VectorOperators.ADD);
            counts[FastKernel.UNDERFLOWED] += underLanes.reduceLanes(VectorOperators.ADD);
        }
    }
}
