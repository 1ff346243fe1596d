/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static io.github.muppetdjl.quant.kernel.ScalarKernel.ABS;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.SIGN;
import static io.github.muppetdjl.quant.kernel.ScalarKernel.TWO_POW_23;
import static io.github.muppetdjl.quant.kernel.VectorKernel.IS;
import static io.github.muppetdjl.quant.kernel.VectorKernel.LANES;
import static io.github.muppetdjl.quant.kernel.VectorKernel.ONE_BITS;

import io.github.muppetdjl.quant.rounding.Rounding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The grid loop for a scaled block with nearest or toward-zero rounding, reading and writing the
 * direct buffer in place rather than through a stage ({@link VectorStage}). This loop does little
 * arithmetic per element, so it is bound by memory and staging would only add copies, whereas the
 * stochastic loop, bound by arithmetic, gains from staging. Same arithmetic as {@link
 * VectorGridLoop}'s block branch.
 */
final class VectorBlockDirect {

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorBlockDirect() {}

    /**
     * Quantises the whole vectors of {@code [from, to)} from {@code src} into {@code buf} (in place
     * when they are the same buffer).
     *
     * @param src the memory read
     * @param buf the memory written, same layout
     * @param from first element
     * @param to end element (exclusive)
     * @param plan the grid; {@code blockScaled} and not stochastic
     * @param counts statistics to add to, or null
     * @return the first element not processed (the ragged end starts there)
     */
    /** Vectors between folds of the lane counters (each lane gains at most 1 per vector). */
    private static final int FLUSH = 1 << 20;

    static int run(ByteBuffer src, ByteBuffer buf, int from, int to, GridPlan plan, long[] counts) {
        float up1 = plan.up1();
        float up2 = plan.up2();
        float down1 = plan.down1();
        float down2 = plan.down2();
        boolean twoFactors = plan.twoFactors();
        int maxBits = Float.floatToRawIntBits(plan.maxPos());
        boolean nearest = plan.rounding() == Rounding.NEAREST_EVEN;
        boolean counting = counts != null;
        long sat = 0;
        long under = 0;
        IntVector satLanes = IntVector.zero(IS);
        IntVector underLanes = IntVector.zero(IS);
        int pending = 0;
        int i = from;
        for (int bound = from + IS.loopBound(to - from); i < bound; i += LANES) {
            IntVector x = IntVector.fromByteBuffer(IS, src, 4 * i, ORDER);
            IntVector ab = x.and(ABS);
            FloatVector y = ab.reinterpretAsFloats().mul(up1);
            if (twoFactors) {
                y = y.mul(up2);
            }
            FloatVector m = y.add(TWO_POW_23).sub(TWO_POW_23);
            if (!nearest) {
                // Floor: one less where the rounded value overshot (the sign of the exact y - m).
                m =
                        m.sub(
                                y.sub(m)
                                        .reinterpretAsInts()
                                        .lanewise(VectorOperators.ASHR, 31)
                                        .and(ONE_BITS)
                                        .reinterpretAsFloats());
            }
            IntVector mb = m.reinterpretAsInts();
            // In a block m <= 2^(w-1), which only positive lanes must give up: as signed ints,
            // negative floats sort below every positive limit, so one min clamps.
            IntVector signed = mb.or(x.and(SIGN));
            // Counted in int lanes on every path, as in VectorGridLoop (masks allocate on Java 17).
            satLanes =
                    satLanes.add(
                            mb.neg()
                                    .add(maxBits)
                                    .lanewise(VectorOperators.LSHR, 31)
                                    .and(x.lanewise(VectorOperators.LSHR, 31).not()));
            underLanes =
                    underLanes
                            .add(mb.sub(1).lanewise(VectorOperators.LSHR, 31))
                            .sub(ab.sub(1).lanewise(VectorOperators.LSHR, 31));
            if (++pending == FLUSH) {
                // Lane counters hold at most FLUSH each: fold them before an int could overflow.
                sat += satLanes.reduceLanes(VectorOperators.ADD);
                under += underLanes.reduceLanes(VectorOperators.ADD);
                satLanes = IntVector.zero(IS);
                underLanes = IntVector.zero(IS);
                pending = 0;
            }
            FloatVector q = signed.min(maxBits).reinterpretAsFloats().mul(down1);
            if (twoFactors) {
                q = q.mul(down2);
            }
            q.reinterpretAsInts().intoByteBuffer(buf, 4 * i, ORDER);
        }
        if (counting) {
            sat += satLanes.reduceLanes(VectorOperators.ADD);
            under += underLanes.reduceLanes(VectorOperators.ADD);
            counts[FastKernel.SATURATED] += sat;
            counts[FastKernel.UNDERFLOWED] += under;
        }
        return i;
    }
}
