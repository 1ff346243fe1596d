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
        // Replaced by the fast paths once they land; the reference is exact, only slow.
        return ReferenceTensorQuantizer.INSTANCE;
    }
}
