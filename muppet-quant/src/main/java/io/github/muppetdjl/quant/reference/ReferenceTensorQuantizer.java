/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;

/**
 * Runs the {@link ScalarQuantizer} on an NDArray by copying it to the heap and back: exact by
 * construction, slow, and device-agnostic. Meant for tests and as an oracle adapter, not for
 * training.
 */
public final class ReferenceTensorQuantizer implements TensorQuantizer {

    /** The shared instance; the class is stateless. */
    public static final ReferenceTensorQuantizer INSTANCE = new ReferenceTensorQuantizer();

    private ReferenceTensorQuantizer() {}

    @Override
    public NDArray quantize(NDArray x, Precision precision, long key, StatsAccumulator stats) {
        float[] data = run(x, precision, key, stats);
        return x.getManager().create(data, x.getShape()).toDevice(x.getDevice(), false);
    }

    @Override
    public NDArray quantizeInPlace(
            NDArray x, Precision precision, long key, StatsAccumulator stats) {
        float[] data = run(x, precision, key, stats);
        x.set(data);
        return x;
    }

    private static float[] run(NDArray x, Precision precision, long key, StatsAccumulator stats) {
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "quantisers take FLOAT32 arrays, got " + x.getDataType());
        }
        float[] data = x.toFloatArray();
        QuantStats s = ScalarQuantizer.quantize(data, x.getShape().getShape(), precision, key);
        if (stats != null) {
            stats.add(s);
        }
        return data;
    }
}
