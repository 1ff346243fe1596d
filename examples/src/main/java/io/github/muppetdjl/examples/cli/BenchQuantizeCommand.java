/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.bench.BenchReport;
import io.github.muppetdjl.quant.bench.BenchResult;
import io.github.muppetdjl.quant.bench.QuantizeBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code muppet bench quantize}: in-place quantisation throughput of each path (CPU fast kernel,
 * NDArray operations) for each format family and rounding, against in-place {@code muli} on the
 * same CPU tensor, the memory-bound limit. See {@link QuantizeBenchmark}.
 */
@Command(
        name = "quantize",
        mixinStandardHelpOptions = true,
        description = {
            "Quantise an N-float CPU tensor in place with each path, format and rounding, and"
                    + " compare with in-place muli on the same tensor.",
            "Prints M elements/s and the ratio to muli; progress goes to stderr."
        })
final class BenchQuantizeCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "16777216",
            description = "Elements in the tensor (default: ${DEFAULT-VALUE})")
    private long size;

    @Option(names = "--json", description = "Print one JSON object instead of the table")
    private boolean json;

    @Override
    public Integer call() {
        QuantizeBenchmark benchmark;
        PrintWriter err = spec.commandLine().getErr();
        try {
            benchmark =
                    QuantizeBenchmark.builder()
                            .optSize(size)
                            .optProgress(
                                    line -> {
                                        err.println(line);
                                        err.flush();
                                    })
                            .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        BenchReport report;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            report = benchmark.run(manager);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(report) + System.lineSeparator() : report.toTable());
        out.flush();
        return 0;
    }

    /**
     * Formats a report as one JSON object: {@code {"muliMps": x, "results": [{"path": .., "format":
     * .., "rounding": .., "mps": x, "ratioToMuli": x}, ...]}}.
     *
     * @param report the report
     * @return the JSON text, on one line
     */
    static String toJson(BenchReport report) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("muliMps").value(report.muliMps());
        w.name("results").beginArray();
        for (BenchResult r : report.results()) {
            w.beginObject();
            w.name("path").value(r.path());
            w.name("format").value(r.format());
            w.name("rounding").value(r.rounding());
            w.name("mps").value(r.mps());
            w.name("ratioToMuli").value(r.ratioToMuli());
            w.endObject();
        }
        return w.endArray().endObject().toString();
    }
}
