/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a candidate kernel beside the scalar kernel on a few values before it is trusted: this
 * exercises every incubator method the kernel links to, so an API or intrinsic mismatch shows up
 * here rather than during training.
 */
final class SelfCheck {

    private static final int N = 203;

    private SelfCheck() {}

    static boolean agrees(FastKernel candidate) {
        for (Rounding r : Rounding.values()) {
            ByteBuffer a = sample();
            ByteBuffer b = sample();
            candidate.quantizeGrid(a, a, 0, N, 7, 127f, false, r, 12345L, new long[3], null);
            // From one buffer into another, as a quantised copy runs.
            ByteBuffer c = ByteBuffer.allocateDirect(4 * N).order(ByteOrder.nativeOrder());
            candidate.quantizeGrid(sample(), c, 0, N, 7, 127f, false, r, 12345L, new long[3], null);
            if (!a.equals(c)) {
                return false;
            }
            ScalarKernel.INSTANCE.quantizeGrid(
                    b, b, 0, N, 7, 127f, false, r, 12345L, new long[3], null);
            FloatPlan plan = FloatPlan.of(FloatingPoint.FP8_E4M3, r);
            candidate.quantizeFloat(a, a, 0, N, plan, 999L, new long[3]);
            ScalarKernel.INSTANCE.quantizeFloat(b, b, 0, N, plan, 999L, new long[3]);
            if (!a.equals(b)
                    || candidate.maxAbsBits(a, 0, N) != ScalarKernel.INSTANCE.maxAbsBits(b, 0, N)) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer sample() {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * N).order(ByteOrder.nativeOrder());
        for (int i = 0; i < N; i++) {
            buf.putFloat(4 * i, (float) ((i - N / 2) * 0.37 * Math.pow(1.1, i % 17)));
        }
        return buf;
    }
}
