/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code muppet bench}: the parent of the benchmarks. A new benchmark is one class annotated with
 * {@code @Command(name = ...)} and listed in {@code subcommands} below.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput; progress goes to stderr, results to stdout.",
        subcommands = {BenchQuantizeCommand.class, BenchStepCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    /**
     * Rejects a bare {@code muppet bench}: a benchmark is required.
     *
     * @return never returns normally
     */
    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "missing benchmark ("
                        + String.join(", ", spec.subcommands().keySet())
                        + "); try 'muppet bench --help'");
    }
}
