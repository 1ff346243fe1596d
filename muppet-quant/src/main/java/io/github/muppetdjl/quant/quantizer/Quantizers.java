/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

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
        // Interim: the NDArray path is being written on this branch; the reference is exact.
        return ReferenceTensorQuantizer.INSTANCE;
    }

    /**
     * Returns the CPU fast path using all available processors.
     *
     * @return the fast quantiser
     */
    public static TensorQuantizer fast() {
        return fast(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns the CPU fast path with a given thread count.
     *
     * @param threads worker threads, at least 1
     * @return the fast quantiser
     */
    public static TensorQuantizer fast(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        // Interim: the fast path is being written on this branch; the reference is exact.
        return ReferenceTensorQuantizer.INSTANCE;
    }
}
