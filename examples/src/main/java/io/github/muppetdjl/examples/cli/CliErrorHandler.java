/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into exactly one line on stderr: bad input exits with {@link
 * MuppetCli#EXIT_USAGE}, a failure while running with {@link MuppetCli#EXIT_FAILURE}. No usage dump
 * and no stack trace, so scripts can read the line and the status.
 */
final class CliErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        cli.getErr().println(line(cli, ex.getMessage()));
        cli.getErr().flush();
        return MuppetCli.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
        cli.getErr().println(line(cli, "failed: " + message));
        cli.getErr().flush();
        return MuppetCli.EXIT_FAILURE;
    }

    /**
     * Formats one stderr line, prefixed by the command, e.g. {@code muppet quantize: ...}.
     *
     * @param cli the command that failed
     * @param message the message, possibly spanning lines
     * @return a single line
     */
    static String line(CommandLine cli, String message) {
        String text = message == null ? "error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        return cli.getCommandSpec().qualifiedName() + ": " + text;
    }
}
