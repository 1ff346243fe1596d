/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.cost;

import java.util.EnumMap;
import java.util.Map;

/**
 * Peak throughput per {@link ComputeClass} and memory bandwidth of a target, for projections. Rates
 * are in operations per second with one multiply-accumulate counted as two operations, as vendors
 * count FLOPS and TOPS. All rates are dense (no structured-sparsity doubling).
 *
 * <p><b>16-bit integers.</b> No GPU has INT16 tensor cores. Both shipped tables emulate an INT16
 * product with four INT8 products (high and low bytes of each operand, partial products shifted and
 * summed in INT32), so {@code INT16 = INT8 / 4}. This is our choice; Das et al. (ICLR 2018) ran
 * INT16 on CPU vector units instead.
 *
 * <p>The shipped tables are <b>ESTIMATES</b> built from public spec sheets, not measurements.
 *
 * @param name the target, e.g. {@code NVIDIA T4 (Turing) - ESTIMATE}; not empty
 * @param opsPerSecond the rate of every class, each finite and above 0
 * @param bytesPerSecond memory bandwidth, finite and above 0
 */
public record ThroughputTable(
        String name, Map<ComputeClass, Double> opsPerSecond, double bytesPerSecond) {

    /** Validates the fields and copies the map. */
    public ThroughputTable {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (opsPerSecond == null) {
            throw new IllegalArgumentException("opsPerSecond must not be null");
        }
        for (ComputeClass c : ComputeClass.values()) {
            Double rate = opsPerSecond.get(c);
            if (rate == null || !(rate > 0) || rate.isInfinite()) {
                throw new IllegalArgumentException(
                        "opsPerSecond must give a finite rate above 0 for " + c + ", got " + rate);
            }
        }
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException(
                    "bytesPerSecond must be finite and above 0, got " + bytesPerSecond);
        }
        opsPerSecond = Map.copyOf(new EnumMap<>(opsPerSecond));
    }

    /**
     * NVIDIA T4 (Turing TU104, 70 W), an ESTIMATE from the T4 datasheet: FP32 8.1 TFLOPS, mixed
     * precision FP16 tensor cores 65 TFLOPS, INT8 130 TOPS, GDDR6 320 GB/s. Turing has no FP8 and
     * no TF32: FP8 products run at the FP16 rate, TF32 at the FP32 rate. INT16 = INT8 / 4 = 32.5
     * TOPS (emulated, see the class comment).
     *
     * @return the table
     */
    public static ThroughputTable turingT4() {
        Map<ComputeClass, Double> r = new EnumMap<>(ComputeClass.class);
        r.put(ComputeClass.INT8, 130e12);
        r.put(ComputeClass.INT16, 130e12 / 4);
        r.put(ComputeClass.FP8, 65e12);
        r.put(ComputeClass.FP16, 65e12);
        r.put(ComputeClass.TF32, 8.1e12);
        r.put(ComputeClass.FP32, 8.1e12);
        return new ThroughputTable("NVIDIA T4 (Turing) - ESTIMATE from spec sheet", r, 320e9);
    }

    /**
     * NVIDIA H100 SXM5, an ESTIMATE from the H100 datasheet, dense figures (half of the quoted
     * with-sparsity ones): FP32 67 TFLOPS, TF32 tensor 494.7 TFLOPS, FP16/BF16 tensor 989.4 TFLOPS,
     * FP8 tensor 1978.9 TFLOPS, INT8 tensor 1978.9 TOPS, HBM3 3.35 TB/s. INT16 = INT8 / 4 = 494.7
     * TOPS (emulated, see the class comment).
     *
     * @return the table
     */
    public static ThroughputTable h100Sxm() {
        Map<ComputeClass, Double> r = new EnumMap<>(ComputeClass.class);
        r.put(ComputeClass.INT8, 1978.9e12);
        r.put(ComputeClass.INT16, 1978.9e12 / 4);
        r.put(ComputeClass.FP8, 1978.9e12);
        r.put(ComputeClass.FP16, 989.4e12);
        r.put(ComputeClass.TF32, 494.7e12);
        r.put(ComputeClass.FP32, 67e12);
        return new ThroughputTable("NVIDIA H100 SXM - ESTIMATE from spec sheet", r, 3.35e12);
    }

    /**
     * Returns the peak rate of a class.
     *
     * @param computeClass the class
     * @return operations per second (two per multiply-accumulate)
     */
    public double rate(ComputeClass computeClass) {
        return opsPerSecond.get(computeClass);
    }

    /** Returns the name. */
    @Override
    public String toString() {
        return name;
    }
}
