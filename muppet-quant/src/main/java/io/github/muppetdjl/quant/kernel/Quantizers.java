/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import io.github.muppetdjl.quant.quantizer.TensorQuantizer;

/** Entry points that pick a {@link TensorQuantizer}. */
public final class Quantizers {

    private Quantizers() {}

    /**
     * Returns the fastest quantiser available: the CPU fast path for CPU arrays, falling back to
     * NDArray operations on other devices.
     *
     * @return the default quantiser
     */
    public static TensorQuantizer best() {
        return fast();
    }

    /**
     * Returns the quantiser built from NDArray operations only, which runs on any device.
     *
     * @return the NDArray-path quantiser
     */
    public static TensorQuantizer ndarray() {
        return NDArrayQuantizer.INSTANCE;
    }

    /**
     * Returns the CPU fast path using all available processors (arrays on other devices go to the
     * NDArray path).
     *
     * @return the fast quantiser
     */
    public static TensorQuantizer fast() {
        return DefaultFast.INSTANCE;
    }

    /**
     * Returns the CPU fast path with a given thread count (a new instance, with its own worker
     * threads, unless the count is the default's).
     *
     * @param threads worker threads, at least 1
     * @return the fast quantiser
     */
    public static TensorQuantizer fast(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads == DefaultFast.INSTANCE.threads()
                ? DefaultFast.INSTANCE
                : new CpuFastQuantizer(threads);
    }

    /** The default fast quantiser, typed, for the scans that share its threads and kernel. */
    static CpuFastQuantizer defaultFast() {
        return DefaultFast.INSTANCE;
    }

    /** Holds the default fast quantiser, created (with its kernel) on first use. */
    private static final class DefaultFast {
        static final CpuFastQuantizer INSTANCE = new CpuFastQuantizer();
    }
}
