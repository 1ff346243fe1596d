/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether arrays hold a NaN or an infinity: the overflow test of loss scaling (Micikevicius
 * et al., "Mixed precision training", ICLR 2018; Mellempudi et al., 2019), run on every step.
 *
 * <p>Packed FLOAT32 CPU arrays are read in place by the fast path's block-maximum loop (a NaN or an
 * infinity has the largest magnitude bits), with no engine call per array. Every other array (other
 * devices, other types, other engines) goes through engine reductions: per array its maximum and
 * minimum (which propagate NaN and expose both infinities), stacked, multiplied by zero (a finite
 * value gives 0, a NaN or an infinity NaN) and summed, so that one scalar crosses to the host for
 * all of them. Those reductions cost several engine calls per array on every step, which is why CPU
 * arrays skip them.
 */
public final class FiniteScan {

    private FiniteScan() {}

    /**
     * Returns whether {@code x} holds a NaN or an infinity.
     *
     * @param x an array of a floating-point type on any device
     * @return {@code true} if any element is NaN or infinite
     */
    public static boolean anyNonFinite(NDArray x) {
        return anyNonFinite(List.of(x));
    }

    /**
     * Returns whether any of the arrays holds a NaN or an infinity. Null and empty arrays are
     * ignored; nothing is allocated that outlives the call.
     *
     * @param arrays the arrays, of floating-point types; those the CPU fast path cannot read must
     *     be on one device
     * @return {@code true} if any element of any array is NaN or infinite
     */
    public static boolean anyNonFinite(Iterable<NDArray> arrays) {
        List<NDArray> rest = new ArrayList<>();
        for (NDArray x : arrays) {
            if (x == null || x.isEmpty()) {
                continue;
            }
            Boolean fast = Quantizers.defaultFast().scanNonFinite(x);
            if (fast == null) {
                rest.add(x);
            } else if (fast) {
                return true;
            }
        }
        return !rest.isEmpty() && anyNonFiniteOnEngine(rest);
    }

    private static boolean anyNonFiniteOnEngine(List<NDArray> arrays) {
        NDList extremes = new NDList();
        try {
            for (NDArray x : arrays) {
                if (x.getDataType() == DataType.FLOAT32) {
                    extremes.add(x.max());
                    extremes.add(x.min());
                } else {
                    // Stacked as FLOAT32, so that one sum covers every type (FP16 included).
                    try (NDArray max = x.max();
                            NDArray min = x.min()) {
                        extremes.add(max.toType(DataType.FLOAT32, true));
                        extremes.add(min.toType(DataType.FLOAT32, true));
                    }
                }
            }
            try (NDArray stacked = NDArrays.stack(extremes);
                    NDArray zeroed = stacked.mul(0f);
                    NDArray sum = zeroed.sum()) {
                return Float.isNaN(sum.getFloat());
            }
        } finally {
            extremes.close();
        }
    }
}
