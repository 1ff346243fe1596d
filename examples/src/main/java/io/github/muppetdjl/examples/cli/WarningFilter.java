/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies a child JVM's stderr, dropping the JVM's incubator-module notice if it is the first line.
 * Everything else passes byte for byte and unbuffered after that line, so progress output written
 * with carriage returns still appears as it is written.
 */
final class WarningFilter {

    /** How the JVM starts the notice it prints when an incubator module is enabled. */
    static final String NOTICE = "WARNING: Using incubator modules";

    /** A first line longer than this cannot be the notice and is passed on as it stands. */
    private static final int MAX_NOTICE_BYTES = 1024;

    private WarningFilter() {}

    /**
     * Starts a daemon thread that copies {@code from} to {@code to} through {@link #copy}.
     *
     * @param from the child's stderr
     * @param to where it goes
     * @return the started thread, to join once the child has exited
     */
    static Thread pump(InputStream from, OutputStream to) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                copy(from, to);
                            } catch (IOException e) {
                                // The child's stderr closed abnormally: nothing more to copy.
                            }
                        },
                        "muppet-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Copies until end of stream, dropping a first line that starts with {@link #NOTICE}.
     *
     * @param from the source
     * @param to the destination, flushed after every read
     * @throws IOException if reading or writing fails
     */
    static void copy(InputStream from, OutputStream to) throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        int b;
        while ((b = from.read()) != -1) {
            first.write(b);
            if (b == '\n' || first.size() >= MAX_NOTICE_BYTES) {
                break;
            }
        }
        String line = first.toString(StandardCharsets.UTF_8);
        if (!(line.startsWith(NOTICE) && line.endsWith("\n"))) {
            first.writeTo(to);
            to.flush();
        }
        byte[] buffer = new byte[8192];
        int n;
        while ((n = from.read(buffer)) != -1) {
            to.write(buffer, 0, n);
            to.flush();
        }
    }
}
