/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One in-process run of the CLI with captured streams.
 *
 * @param status the exit status
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int status, String out, String err) {

    /** Runs with empty stdin. */
    static CliRun of(String... args) {
        return withStdin("", args);
    }

    /** Runs with the given stdin. */
    static CliRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status =
                MuppetCli.execute(
                        args,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(out),
                        new PrintWriter(err));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Returns stdout's lines parsed as floats. */
    float[] values() {
        String[] lines = lines();
        float[] values = new float[lines.length];
        for (int i = 0; i < lines.length; i++) {
            values[i] = Float.parseFloat(lines[i]);
        }
        return values;
    }

    /** Returns stdout's lines. */
    String[] lines() {
        return out.isEmpty() ? new String[0] : out.split("\\R");
    }

    @Override
    public String toString() {
        return "status=" + status + " out=" + Arrays.toString(lines()) + " err=" + err;
    }
}
