/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Measures in-place quantisation throughput of the CPU fast path ({@code "fast"}) and the NDArray
 * path ({@code "ndarray"}) on an N-float CPU tensor, for each precision, beside an in-place {@code
 * muli} on the same tensor. The multiply reads and writes every element once, as a quantiser must,
 * so its throughput is the memory-bound limit and {@code mps / muliMps} is comparable across
 * machines.
 *
 * <p>Each timed iteration starts from the same pristine values (restored outside the timing) and
 * times a {@code muli} and then the quantiser, back to back; the reported throughput is the median
 * over iterations and the ratio is the median of the per-iteration ratios, which is robust to a
 * machine whose load changes during the run. {@link BenchReport#muliMps()} is the median of all
 * {@code muli} samples. The NDArray path is one to two orders of magnitude slower, so it runs
 * {@link Builder#optNdarrayIterations(int) fewer iterations} by default.
 */
public final class QuantizeBenchmark {

    /** The precisions measured by default: bfp(8), fixed(16,8) and fp8-e5m2, each rounding. */
    public static final List<Precision> DEFAULT_PRECISIONS =
            List.of(
                    Precision.parse("bfp(8)/nearest"),
                    Precision.parse("bfp(8)/stochastic"),
                    Precision.parse("bfp(8)/zero"),
                    Precision.parse("fixed(16,8)/nearest"),
                    Precision.parse("fixed(16,8)/stochastic"),
                    Precision.parse("fixed(16,8)/zero"),
                    Precision.parse("fp8-e5m2/nearest"),
                    Precision.parse("fp8-e5m2/stochastic"),
                    Precision.parse("fp8-e5m2/zero"));

    private final long size;
    private final int warmup;
    private final int iterations;
    private final int ndarrayIterations;
    private final boolean includeNdarray;
    private final List<Precision> precisions;
    private final TensorQuantizer fast;
    private final Consumer<String> progress;

    private QuantizeBenchmark(Builder builder) {
        size = builder.size;
        warmup = builder.warmup;
        iterations = builder.iterations;
        ndarrayIterations = builder.ndarrayIterations;
        includeNdarray = builder.includeNdarray;
        precisions = List.copyOf(builder.precisions);
        fast = builder.threads > 0 ? Quantizers.fast(builder.threads) : Quantizers.fast();
        progress = builder.progress;
    }

    /**
     * Returns a builder with the defaults: 16M elements, 10 warm-up and 5 timed iterations (none
     * and 1 for the NDArray path), {@link #DEFAULT_PRECISIONS}, both paths.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the benchmark.
     *
     * @param manager where the CPU tensors are created; they are closed before returning
     * @return the measured throughputs
     */
    public BenchReport run(NDManager manager) {
        try (NDManager sub = manager.newSubManager(Device.cpu())) {
            NDArray pristine =
                    sub.randomNormal(0f, 1f, new Shape(size), DataType.FLOAT32, Device.cpu());
            NDArray x = pristine.duplicate();
            List<Double> muliSamples = new ArrayList<>();
            List<BenchResult> results = new ArrayList<>();
            List<String> paths = includeNdarray ? List.of("fast", "ndarray") : List.of("fast");
            for (String path : paths) {
                boolean isFast = path.equals("fast");
                TensorQuantizer q = isFast ? fast : Quantizers.ndarray();
                int iters = isFast ? iterations : ndarrayIterations;
                int warm = isFast ? warmup : 0;
                for (Precision p : precisions) {
                    double[][] m = measure(pristine, x, q, p, warm, iters);
                    double[] ratios = new double[iters];
                    for (int i = 0; i < iters; i++) {
                        ratios[i] = m[0][i] / m[1][i];
                        muliSamples.add(m[1][i]);
                    }
                    BenchResult r =
                            new BenchResult(
                                    path,
                                    p.format().toString(),
                                    p.rounding().shortName(),
                                    median(m[0]),
                                    median(ratios));
                    results.add(r);
                    progress.accept(
                            String.format(
                                    Locale.ROOT,
                                    "%s %s: %.1f M elements/s (%.3f x muli)",
                                    path,
                                    p,
                                    r.mps(),
                                    r.ratioToMuli()));
                }
            }
            double muliMps =
                    median(muliSamples.stream().mapToDouble(Double::doubleValue).toArray());
            return new BenchReport(muliMps, results);
        }
    }

    /**
     * Times {@code iters} in-place runs of {@code q}, each right after an in-place {@code muli} on
     * the same tensor, so that each ratio compares two runs taken under the same machine load.
     *
     * @return {quantiser M elements/s per iteration, muli M elements/s per iteration}
     */
    private double[][] measure(
            NDArray pristine, NDArray x, TensorQuantizer q, Precision p, int warm, int iters) {
        double[][] mps = new double[2][iters];
        for (int i = -warm; i < iters; i++) {
            pristine.copyTo(x);
            long key = CounterRng.key(42, i + warm, 7);
            long t0 = System.nanoTime();
            // -1 keeps magnitudes, so the quantiser sees the same work.
            x.muli(-1f);
            long t1 = System.nanoTime();
            q.quantizeInPlace(x, p, key, null);
            long t2 = System.nanoTime();
            if (i >= 0) {
                // At least 1 ns, so a tiny tensor on a coarse clock gives no infinite rate.
                mps[0][i] = size / (Math.max(1, t2 - t1) / 1e3);
                mps[1][i] = size / (Math.max(1, t1 - t0) / 1e3);
            }
        }
        return mps;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Configures a {@link QuantizeBenchmark}; every setting is optional. */
    public static final class Builder {

        private long size = 16_777_216L;
        private int warmup = 10;
        private int iterations = 5;
        private int ndarrayIterations = 1;
        private boolean includeNdarray = true;
        private int threads;
        private List<Precision> precisions = DEFAULT_PRECISIONS;
        private Consumer<String> progress = s -> {};

        private Builder() {}

        /**
         * Sets the number of FLOAT32 elements of the tensor (default 16,777,216).
         *
         * @param size the element count, in [1, 2^31 - 1]
         * @return this builder
         */
        public Builder optSize(long size) {
            this.size = size;
            return this;
        }

        /**
         * Sets the untimed warm-up runs per measurement of the fast path (default 10: the JIT
         * reaches its final compilation of the vector loops after about eight calls; the NDArray
         * path, which has no Java kernel, gets none).
         *
         * @param warmup at least 0
         * @return this builder
         */
        public Builder optWarmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        /**
         * Sets the timed runs of the fast path and of {@code muli} (default 5).
         *
         * @param iterations at least 1
         * @return this builder
         */
        public Builder optIterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the timed runs of the slow NDArray path (default 1).
         *
         * @param ndarrayIterations at least 1
         * @return this builder
         */
        public Builder optNdarrayIterations(int ndarrayIterations) {
            this.ndarrayIterations = ndarrayIterations;
            return this;
        }

        /**
         * Sets whether the NDArray path is measured too (default true).
         *
         * @param includeNdarray false to measure only the fast path
         * @return this builder
         */
        public Builder optIncludeNdarray(boolean includeNdarray) {
            this.includeNdarray = includeNdarray;
            return this;
        }

        /**
         * Sets the fast path's thread count (default 0: available processors).
         *
         * @param threads 0 for the default, or at least 1
         * @return this builder
         */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Sets the precisions measured (default {@link QuantizeBenchmark#DEFAULT_PRECISIONS}).
         *
         * @param precisions a non-empty list
         * @return this builder
         */
        public Builder optPrecisions(List<Precision> precisions) {
            this.precisions = precisions;
            return this;
        }

        /**
         * Sets a sink for one line of progress per measurement (default: none).
         *
         * @param progress the sink
         * @return this builder
         */
        public Builder optProgress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Validates the settings and builds the benchmark.
         *
         * @return the benchmark
         * @throws IllegalArgumentException if a setting is out of range
         */
        public QuantizeBenchmark build() {
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("size must be in [1, 2^31 - 1], got " + size);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
            }
            if (iterations < 1 || ndarrayIterations < 1) {
                throw new IllegalArgumentException(
                        "iterations and ndarrayIterations must be >= 1, got "
                                + iterations
                                + " and "
                                + ndarrayIterations);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + threads);
            }
            if (precisions == null || precisions.isEmpty()) {
                throw new IllegalArgumentException("precisions must not be empty");
            }
            if (progress == null) {
                throw new IllegalArgumentException("progress must not be null");
            }
            return new QuantizeBenchmark(this);
        }
    }
}
