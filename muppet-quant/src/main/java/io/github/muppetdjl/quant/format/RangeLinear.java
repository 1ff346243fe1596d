/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * Range-based linear quantisation, the quantiser of CPT (Fu et al., "CPT: Efficient Deep Neural
 * Network Training via Cyclic Precision", ICLR 2021; docs/algorithms.md §6.5): each block's values
 * are mapped onto {@code 2^b} evenly spaced codes between the block's minimum and maximum.
 *
 * <p>For a block with minimum {@code lo} and maximum {@code hi} and {@code L = 2^b - 1}:
 *
 * <pre>
 *     scale = max((hi - lo) / L, 1e-8)
 *     q     = clamp(round((x - lo) / scale), 0, L)
 *     value = q * scale + lo
 * </pre>
 *
 * evaluated in double precision and rounded once to FP32. Weights use one block per output channel
 * ({@code range(b,slice:0)}), activations and errors one block per tensor ({@code range(b)}).
 * Hand-worked: {@code [-1, 0, 0.5, 1]} at b = 2 gives {@code [-1, 1/3, 1/3, 1]}.
 *
 * <p>Our choices for cases the paper leaves open: a block holding NaN or ±Infinity is left
 * unchanged and its non-finite elements are counted (as for {@link BlockFloatingPoint}); a constant
 * block is returned unchanged (its scale is the floor {@code 1e-8} and every code is 0). When the
 * range is given rather than taken from the data (an activation's running average in evaluation),
 * values outside it clamp to its ends and count as saturated; nothing counts as underflow.
 *
 * <p>{@link #maxFinite()} and the other limits are in units of the block's scale: codes run from 0
 * to {@code 2^b - 1}.
 *
 * @param bits the code width {@code b}, in [1, 24]
 * @param block which elements share one range: the tensor, a slice or tiles
 */
public record RangeLinear(int bits, Block block) implements NumberFormat {

    /** The smallest scale: a block whose range is narrower keeps this step (the paper's 1e-8). */
    public static final double MIN_SCALE = 1e-8;

    /** Validates the fields. */
    public RangeLinear {
        Checks.inRange("bits", bits, 1, FixedPoint.MAX_WORD_BITS);
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
    }

    /**
     * A per-tensor range-linear format (CPT's activations and errors).
     *
     * @param bits the code width, in [1, 24]
     * @return the format
     */
    public static RangeLinear perTensor(int bits) {
        return new RangeLinear(bits, Block.TENSOR);
    }

    /**
     * A range-linear format with one range per index of dimension 0, the output channel of DJL's
     * conv and dense weights (CPT's weights).
     *
     * @param bits the code width, in [1, 24]
     * @return the format
     */
    public static RangeLinear perChannel(int bits) {
        return new RangeLinear(bits, new Block.Slice(0));
    }

    /**
     * Returns the largest code {@code L = 2^b - 1}.
     *
     * @return the number of steps between a block's minimum and maximum
     */
    public long levels() {
        return (1L << bits) - 1;
    }

    /**
     * Returns the grid step of a block whose values span {@code [lo, hi]}: {@code max((hi - lo) /
     * L, 1e-8)} in double precision.
     *
     * @param lo the block minimum
     * @param hi the block maximum, at least {@code lo}
     * @return the step
     */
    public double scale(float lo, float hi) {
        return Math.max(((double) hi - (double) lo) / levels(), MIN_SCALE);
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public float maxFinite() {
        return levels();
    }

    @Override
    public float minNormal() {
        return 1f;
    }

    @Override
    public float minSubnormal() {
        return 1f;
    }

    @Override
    public String toString() {
        return block instanceof Block.Tensor
                ? "range(" + bits + ")"
                : "range(" + bits + "," + block + ")";
    }
}
