/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import io.github.muppetdjl.examples.race.RaceData;
import io.github.muppetdjl.examples.race.StepBenchmark;
import io.github.muppetdjl.examples.race.StepTiming;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code muppet bench step}: ms per training step of the small CNN at batch 128, FP32 against every
 * site quantised to BFP-8 with stochastic rounding (weights, activations, errors, weight
 * gradients), on real Fashion-MNIST batches, timed interleaved. See {@link StepBenchmark}.
 */
@Command(
        name = "step",
        mixinStandardHelpOptions = true,
        description = {
            "Time a training step of the small CNN (batch 128) in FP32 and fully BFP-8 quantised.",
            "Prints ms/step for both and their ratio; progress goes to stderr."
        })
final class BenchStepCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of the table")
    private boolean json;

    @Option(
            names = "--steps",
            hidden = true,
            paramLabel = "N",
            defaultValue = "60",
            description = "Timed steps of each model")
    private int steps;

    @Option(
            names = "--warmup",
            hidden = true,
            paramLabel = "N",
            defaultValue = "300",
            description = "Untimed steps of each model first")
    private int warmup;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        StepBenchmark benchmark;
        try {
            benchmark =
                    new StepBenchmark(
                            warmup,
                            steps,
                            42,
                            line -> {
                                err.println(line);
                                err.flush();
                            });
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        // The batches need not be all of the set: enough distinct ones to cycle through.
        long samples = 128L * Math.min(warmup + steps, 80);
        RaceData data = RaceData.load(RaceData.Choice.AUTO, 128, samples);
        StepTiming t = benchmark.run(data);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(t) + System.lineSeparator() : t.toTable());
        out.flush();
        return 0;
    }

    /**
     * Formats a timing as {@code {"fp32MsPerStep": x, "quantizedMsPerStep": y}}.
     *
     * @param t the timing
     * @return the JSON text, on one line
     */
    static String toJson(StepTiming t) {
        return new JsonWriter()
                .beginObject()
                .name("fp32MsPerStep")
                .value(t.fp32MsPerStep())
                .name("quantizedMsPerStep")
                .value(t.quantizedMsPerStep())
                .endObject()
                .toString();
    }
}
