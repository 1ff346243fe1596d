/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;

/**
 * The {@code muppet} command-line tool: {@code quantize} applies a number format to values, {@code
 * race} trains a small CNN under several precision policies and compares them, {@code bench}
 * measures throughput. Run {@code java -jar examples/target/muppet.jar --help}.
 *
 * <p>Exit status: 0 on success, {@value #EXIT_USAGE} for bad input of any kind (one line on stderr,
 * no usage dump), {@value #EXIT_FAILURE} when a valid request fails while running.
 */
@Command(
        name = "muppet",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        description = "Low-precision number formats and quantised training for DJL.",
        subcommands = {QuantizeCommand.class, RaceCommand.class, BenchCommand.class})
public final class MuppetCli implements Callable<Integer> {

    /** Exit status for bad input: unknown option, bad value, missing argument. */
    public static final int EXIT_USAGE = 2;

    /** Exit status for a valid request that failed while running. */
    public static final int EXIT_FAILURE = 1;

    private final InputStream in;

    @Spec private CommandSpec spec;

    private MuppetCli(InputStream in) {
        this.in = in;
    }

    /**
     * Runs the tool and exits with its status. When the Vector API module is missing (always the
     * case for {@code java -jar muppet.jar}), the command is first re-run in a child JVM that has
     * it; see {@link VectorRelaunch}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (VectorRelaunch.wanted(args, VectorRelaunch.modulePresent(), System.getenv())) {
            Integer status = VectorRelaunch.run(args);
            if (status != null) {
                System.exit(status);
            }
            // The child could not be started: carry on here, on the plain-Java paths.
        }
        Charset charset = Charset.defaultCharset();
        // stdout is buffered (execute flushes it); stderr flushes each line so progress shows.
        PrintWriter out =
                new PrintWriter(
                        new BufferedWriter(new OutputStreamWriter(System.out, charset), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        System.exit(execute(args, System.in, out, err));
    }

    /**
     * Runs one command in this JVM; {@link #main} without the relaunch and the exit, for tests and
     * for embedding.
     *
     * @param args the command line
     * @param in where {@code quantize} reads values when none are given as arguments
     * @param out standard output (results only)
     * @param err standard error (errors and progress)
     * @return the exit status
     */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MuppetCli(in));
        cli.setOut(out);
        cli.setErr(err);
        CliErrorHandler handler = new CliErrorHandler();
        cli.setParameterExceptionHandler(handler);
        cli.setExecutionExceptionHandler(handler);
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * Returns the stream {@code quantize} reads when given no values.
     *
     * @return standard input, or what the caller of {@link #execute} passed
     */
    InputStream in() {
        return in;
    }

    /**
     * Rejects a bare {@code muppet}: a command is required.
     *
     * @return never returns normally
     */
    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "missing command (quantize, race or bench); try 'muppet --help'");
    }
}
