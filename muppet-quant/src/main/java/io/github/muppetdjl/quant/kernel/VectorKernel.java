/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.rounding.Rounding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;

/**
 * The {@link ScalarKernel} arithmetic on Java Vector API lanes (Java 17 incubator API), loaded only
 * when {@code jdk.incubator.vector} is present.
 *
 * <p>The loops never touch the tensor's direct buffer with vector loads: they copy it {@link
 * VectorStage#STAGE} elements at a time into a heap array, work there and copy it back, which Java
 * 17 compiles to memory copies and plain vector loads; see {@link VectorStage} for the measurements
 * behind this. The generator's index is still the tensor index ({@code base + j}). The exception is
 * a scaled block with nearest or toward-zero rounding, whose loop is bound by memory and runs in
 * place ({@link VectorBlockDirect}).
 *
 * <p>Written for Java 17's compiler: each loop body is straight-line code with no calls of our own
 * (a call the JIT declines to inline would box every vector), no float-to-int lane conversion (not
 * compiled to an instruction before Java 18; int-to-float is, and the generator's {@code u} uses
 * it), and no vector carried across the staging loop (boxed as well). Instead:
 *
 * <ul>
 *   <li>adding and removing {@code 2^23} rounds to an integer by FP32's own ties-to-even (the
 *       spacing there is 1; values from {@code 2^23} up are integers already), and floor is that
 *       minus one where it overshot (the sign bit of the exact {@code y - r}, not a compare);
 *   <li>stochastic rounding rounds up where {@code u < (y - floor(y)) * 2^24}: both sides are exact
 *       floats ({@code u < 2^24}), and a rounded difference keeps the exact one's sign, so the sign
 *       bit of {@code u - frac * 2^24} decides, with no compare or blend;
 *   <li>clamps of non-negative floats are integer min/max on their bits (same order, cheaper than
 *       Java's NaN-aware float min/max);
 *   <li>the generator runs on int lanes, where {@code >>>} and wrap-around products are native, and
 *       its first quadratic step is advanced by differences ({@link VectorStage}).
 * </ul>
 *
 * Ragged ends go through the scalar element functions.
 */
final class VectorKernel implements FastKernel {

    static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final int LANES = IS.length();
    static final int ONE_BITS = Float.floatToRawIntBits(1f);

    VectorKernel() {
        if (FS.length() != LANES) {
            throw new IllegalStateException("float and int species differ in length");
        }
    }

    @Override
    public int maxAbsBits(ByteBuffer buf, int from, int to) {
        return VectorStage.maxAbsBits(buf, from, to);
    }

    @Override
    public void quantizeFloat(
            ByteBuffer src,
            ByteBuffer buf,
            int from,
            int to,
            FloatPlan plan,
            long key,
            long[] counts) {
        int i =
                VectorStage.run(
                        src,
                        buf,
                        from,
                        to,
                        (stage, len, base) ->
                                VectorFloatLoop.run(stage, len, base, plan, key, counts));
        ScalarKernel.INSTANCE.quantizeFloat(src, buf, i, to, plan, key, counts);
    }

    @Override
    public void quantizeGrid(
            ByteBuffer src,
            ByteBuffer buf,
            int from,
            int to,
            int scaleExp,
            float maxPos,
            boolean blockScaled,
            Rounding rounding,
            long key,
            long[] counts,
            ChannelsLast layout) {
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        // Only the random draws depend on an element's index, and the vector loop steps a
        // channels-last tensor's indices a whole vector of channels at a time.
        ChannelsLast drawn = stochastic ? layout : null;
        if (ScalarKernel.mayReachTwoPow128(scaleExp, maxPos)
                || (drawn != null && (drawn.channels() % LANES != 0 || from % LANES != 0))) {
            // Blocks whose grid reaches 2^128 (maxima near Float.MAX_VALUE) are rare; the scalar
            // kernel applies BlockFloatingPoint's step-back rule for them. Channel counts that are
            // no multiple of the vector length take it too.
            ScalarKernel.INSTANCE.quantizeGrid(
                    src,
                    buf,
                    from,
                    to,
                    scaleExp,
                    maxPos,
                    blockScaled,
                    rounding,
                    key,
                    counts,
                    drawn);
            return;
        }
        GridPlan plan = GridPlan.of(scaleExp, maxPos, blockScaled, rounding);
        int channels = drawn == null ? 0 : drawn.channels();
        int inner = drawn == null ? 1 : drawn.inner();
        int end;
        if (blockScaled && !stochastic) {
            end = VectorBlockDirect.run(src, buf, from, to, plan, counts);
        } else {
            // Scaled blocks under stochastic rounding have a loop of their own; fixed point takes
            // the general one.
            VectorStage.StageLoop loop =
                    blockScaled
                            ? (stage, len, base) ->
                                    VectorBlockStochastic.run(
                                            stage, len, base, plan, key, counts, channels, inner)
                            : (stage, len, base) ->
                                    VectorGridLoop.run(
                                            stage, len, base, plan, key, counts, channels, inner);
            end = VectorStage.run(src, buf, from, to, loop);
        }
        ScalarKernel.INSTANCE.quantizeGrid(
                src, buf, end, to, scaleExp, maxPos, blockScaled, rounding, key, counts, drawn);
    }
}
