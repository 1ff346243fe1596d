/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.bench;

import ai.djl.ndarray.NDManager;

/**
 * Prints the quantiser throughput table. Run from {@code muppet-quant} after {@code test-compile}
 * with the test classpath and {@code --add-modules jdk.incubator.vector}; arguments: {@code [size
 * [iterations [fastOnly]]]}.
 */
public final class BenchMain {

    private BenchMain() {}

    /**
     * Runs the benchmark.
     *
     * @param args optional size, iterations and {@code fast} to skip the NDArray path
     */
    public static void main(String[] args) {
        QuantizeBenchmark.Builder builder =
                QuantizeBenchmark.builder().optProgress(System.out::println);
        if (args.length > 0) {
            builder.optSize(Long.parseLong(args[0]));
        }
        if (args.length > 1) {
            builder.optIterations(Integer.parseInt(args[1]));
        }
        if (args.length > 2 && args[2].equals("fast")) {
            builder.optIncludeNdarray(false);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            System.out.print(builder.build().run(manager).toTable());
        }
    }
}
