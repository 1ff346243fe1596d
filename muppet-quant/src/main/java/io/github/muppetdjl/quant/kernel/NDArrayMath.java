/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * The reference's double arithmetic as FLOAT64 NDArray operations, for any device. Every step is
 * exact in FLOAT64: values stay integers below {@code 2^53} or are scaled by exact powers of two,
 * which come from a lookup table rather than {@code pow}, whose accuracy devices do not promise.
 * Arrays made here belong to the caller's (temporary) manager; large intermediates are closed as
 * soon as they are consumed to bound peak memory.
 */
final class NDArrayMath {

    /** The table holds {@code 2^(k - POW2_BIAS)} at index {@code k}. */
    static final int POW2_BIAS = 200;

    private static final int POW2_SIZE = 2 * POW2_BIAS + 1;
    private static final double TWO_POW_16 = 65536.0;
    private static final double TWO_POW_24 = 16777216.0;
    private static final double TWO_POW_32 = 4294967296.0;

    private NDArrayMath() {}

    /** Closes {@code old} and returns {@code replacement}. */
    static NDArray swap(NDArray old, NDArray replacement) {
        old.close();
        return replacement;
    }

    /**
     * {@link NDArrays#where} with explicit broadcasting (the engine requires equal shapes): the
     * result takes the shape of the largest operand.
     */
    static NDArray where(NDArray condition, NDArray a, NDArray b) {
        Shape target = condition.getShape();
        for (NDArray t : new NDArray[] {a, b}) {
            if (t.getShape().size() > target.size()) {
                target = t.getShape();
            }
        }
        NDArray c = fit(condition, target);
        NDArray x = fit(a, target);
        NDArray y = fit(b, target);
        NDArray r = NDArrays.where(c, x, y);
        for (NDArray t : new NDArray[] {c, x, y}) {
            if (t != condition && t != a && t != b) {
                t.close();
            }
        }
        return r;
    }

    private static NDArray fit(NDArray t, Shape target) {
        return t.getShape().equals(target) ? t : t.broadcast(target);
    }

    /**
     * Returns {@code 2^k} element-wise for integer-valued FLOAT64 {@code k} in [-200, 200].
     *
     * @param manager where the table lives
     * @param k the exponents
     * @return FLOAT64 powers of two, shaped as {@code k}
     */
    static NDArray pow2(NDManager manager, NDArray k) {
        double[] table = new double[POW2_SIZE];
        for (int i = 0; i < POW2_SIZE; i++) {
            table[i] = Math.scalb(1.0, i - POW2_BIAS);
        }
        NDArray t = manager.create(table);
        NDArray index = k.add(POW2_BIAS).toType(DataType.INT64, false);
        NDArray p = t.take(manager, index.flatten()).reshape(k.getShape());
        index.close();
        t.close();
        return p;
    }

    /**
     * Returns {@code 2^floor(log2(a))} for positive finite FLOAT64 {@code a}, exactly: {@code log2}
     * may be off near powers of two, so its floor is corrected by exact comparisons.
     *
     * @param manager the temporary manager
     * @param a positive finite values
     * @return the largest powers of two not above {@code a}
     */
    static NDArray leadingPow2(NDManager manager, NDArray a) {
        NDArray e = a.log2().floor();
        NDArray p = pow2(manager, e);
        e.close();
        // p <= a < 2p after at most one halving or doubling.
        NDArray tooBig = p.gt(a);
        NDArray halved = p.div(2.0);
        p = swap(p, where(tooBig, halved, p));
        tooBig.close();
        halved.close();
        NDArray doubled = p.mul(2.0);
        NDArray tooSmall = doubled.lte(a);
        p = swap(p, where(tooSmall, doubled, p));
        tooSmall.close();
        doubled.close();
        return p;
    }

    /**
     * Returns {@code (h * c) mod 2^32} for integer-valued FLOAT64 {@code h} in [0, 2^32), splitting
     * {@code c} into 16-bit halves so that every product stays below {@code 2^48} (exact). Consumes
     * {@code h}: it is updated in place (in-place operations also spare the page faults of fresh
     * arrays, which dominate on CPU).
     */
    private static NDArray mulMod32(NDArray h, int c) {
        long cu = Integer.toUnsignedLong(c);
        NDArray low = h.mul((double) (cu & 0xffff));
        h.muli((double) (cu >>> 16)).modi(TWO_POW_16).muli(TWO_POW_16).addi(low).modi(TWO_POW_32);
        low.close();
        return h;
    }

    /**
     * Returns {@code (h * (2h + 1)) mod 2^32}, the generator's quadratic step, updating {@code h}
     * in place. The second factor is split into 16-bit halves so every product stays below {@code
     * 2^48} (exact in FLOAT64).
     */
    private static NDArray quadratic(NDArray h) {
        NDArray g = h.mul(2.0).addi(1.0).modi(TWO_POW_32);
        NDArray gLow = g.mod(TWO_POW_16);
        NDArray gHigh = g.subi(gLow).divi(TWO_POW_16);
        NDArray low = h.mul(gLow);
        h.muli(gHigh).modi(TWO_POW_16).muli(TWO_POW_16).addi(low).modi(TWO_POW_32);
        gLow.close();
        gHigh.close();
        low.close();
        return h;
    }

    /** Returns {@code floor(h / 2^k)} for non-negative integer-valued FLOAT64 {@code h}. */
    private static NDArray shiftRight(NDArray h, int k) {
        double p = Math.scalb(1.0, k);
        NDArray rest = h.mod(p);
        // (rest - h) / -2^k = (h - h mod 2^k) / 2^k, computed in place in rest.
        return rest.subi(h).divi(-p);
    }

    /** Returns {@code (h + (h >>> k)) mod 2^32}, updating {@code h} in place. */
    private static NDArray addShift(NDArray h, int k) {
        NDArray shifted = shiftRight(h, k);
        h.addi(shifted).modi(TWO_POW_32);
        shifted.close();
        return h;
    }

    /**
     * Computes {@link CounterRng#uniform24} for indices {@code 0 .. count-1}.
     *
     * @param manager the temporary manager (its device is used)
     * @param count the number of elements
     * @param key the generator key
     * @return FLOAT64 integers in [0, 2^24), one per index, flat
     */
    static NDArray uniform24(NDManager manager, int count, long key) {
        double k0 = Integer.toUnsignedLong((int) key);
        double k1 = Integer.toUnsignedLong((int) (key >>> 32));
        NDArray h = indices(manager, count);
        mulMod32(h, CounterRng.INDEX_MULTIPLIER).addi(k0).modi(TWO_POW_32);
        quadratic(h);
        addShift(h, 16);
        mulMod32(h, CounterRng.MIX1).addi(k1).modi(TWO_POW_32);
        quadratic(h);
        addShift(h, 13);
        mulMod32(h, CounterRng.MIX2);
        addShift(h, 16);
        return swap(h, shiftRight(h, 8));
    }

    /**
     * Returns {@code 0 .. count-1} as FLOAT64. Built as rows plus columns, because {@code arange}
     * takes float bounds, which cannot name every count above {@code 2^24}.
     */
    private static NDArray indices(NDManager manager, int count) {
        int cols = Math.min(count, 4096);
        int rows = (count + cols - 1) / cols;
        NDArray r = manager.arange(0f, (float) rows, 1f, DataType.FLOAT64).muli(cols);
        NDArray c = manager.arange(0f, (float) cols, 1f, DataType.FLOAT64);
        NDArray grid = r.reshape(rows, 1).add(c.reshape(1, cols)).reshape(-1);
        r.close();
        c.close();
        if ((long) rows * cols == count) {
            return grid;
        }
        NDArray head = grid.get("0:" + count);
        NDArray copy = head.duplicate();
        head.close();
        grid.close();
        return copy;
    }

    /**
     * Rounds non-negative FLOAT64 {@code y} to integers as {@code ScalarQuantizer.roundMagnitude};
     * {@code +Infinity} stays, NaN stays NaN.
     *
     * @param y grid coordinates (closed here)
     * @param rounding the rounding mode
     * @param u for stochastic rounding, the uniform integers (broadcastable to {@code y}), else
     *     null
     * @return the rounded magnitudes
     */
    static NDArray roundMagnitude(NDArray y, Rounding rounding, NDArray u) {
        NDArray lo = y.floor();
        if (rounding == Rounding.TOWARD_ZERO) {
            y.close();
            return lo;
        }
        NDArray frac = y.sub(lo);
        y.close();
        NDArray up;
        if (rounding == Rounding.NEAREST_EVEN) {
            NDArray above = frac.gt(0.5);
            NDArray tie = frac.eq(0.5);
            NDArray parity = lo.mod(2.0);
            NDArray odd = parity.eq(1.0);
            up = above.logicalOr(tie.logicalAnd(odd));
            above.close();
            tie.close();
            parity.close();
            odd.close();
        } else {
            NDArray threshold = frac.mul(TWO_POW_24);
            up = u.lt(threshold);
            threshold.close();
        }
        frac.close();
        NDArray step = up.toType(DataType.FLOAT64, false);
        up.close();
        step.addi(lo);
        lo.close();
        return step;
    }

    /**
     * Returns {@code |q|} with the sign of {@code x} (also for zeros: {@code 1/x < 0} marks -0).
     *
     * @param q non-negative FLOAT32 magnitudes (closed here)
     * @param x the inputs
     * @return the signed result
     */
    static NDArray copySign(NDArray q, NDArray x) {
        NDArray negative = x.lt(0f);
        NDArray inverse = x.getManager().create(1f).div(x);
        NDArray negZero = inverse.lt(0f);
        inverse.close();
        NDArray signBit = negative.logicalOr(negZero);
        negative.close();
        negZero.close();
        NDArray minus = q.neg();
        NDArray r = where(signBit, minus, q);
        signBit.close();
        minus.close();
        q.close();
        return r;
    }

    /**
     * Counts the true elements of a boolean array.
     *
     * @param mask the mask (closed here)
     * @return the count
     */
    static long count(NDArray mask) {
        NDArray c = mask.countNonzero();
        NDArray c64 = c.toType(DataType.INT64, true);
        long n = c64.getLong();
        c64.close();
        c.close();
        mask.close();
        return n;
    }
}
