/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import ai.djl.ndarray.NDArray;

/**
 * Quantises FP32 NDArrays exactly as {@link io.github.muppetdjl.quant.reference.ScalarQuantizer}
 * defines, element index = row-major index.
 *
 * <p>Implementations are stateless and thread-safe; per-site state (statistics, generator keys)
 * belongs to the caller.
 */
public interface TensorQuantizer {

    /**
     * Returns a new array holding {@code x} quantised; {@code x} is not changed. The result lives
     * on {@code x}'s manager and device.
     *
     * @param x a FLOAT32 array on any device
     * @param precision format and rounding
     * @param key the generator key from {@link
     *     io.github.muppetdjl.quant.rounding.CounterRng#key(long, long, long)} (ignored unless
     *     stochastic)
     * @param stats where to add what happened, or {@code null} to skip counting (cheaper)
     * @return the quantised copy
     * @throws IllegalArgumentException if {@code x} is not FLOAT32
     */
    NDArray quantize(NDArray x, Precision precision, long key, StatsAccumulator stats);

    /**
     * Quantises {@code x} in place and returns it.
     *
     * @param x a FLOAT32 array on any device
     * @param precision format and rounding
     * @param key the generator key (ignored unless stochastic)
     * @param stats where to add what happened, or {@code null} to skip counting
     * @return {@code x}
     * @throws IllegalArgumentException if {@code x} is not FLOAT32
     */
    NDArray quantizeInPlace(NDArray x, Precision precision, long key, StatsAccumulator stats);
}
