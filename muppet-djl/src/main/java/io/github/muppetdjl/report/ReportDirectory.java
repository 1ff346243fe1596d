/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The output directory of a report: checked before anything is written, and filled all or nothing
 * as far as the file system allows.
 */
public final class ReportDirectory {

    private ReportDirectory() {}

    /**
     * Creates the directory if needed and proves it writable by creating and deleting a probe file
     * (permission bits alone lie when running as root or on read-only mounts). Call it before a
     * long job, so that a bad output directory fails in seconds.
     *
     * @param dir the directory
     * @return the directory, absolute
     * @throws IOException naming the directory if it cannot be created or written
     */
    public static Path prepare(Path dir) throws IOException {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IOException("report directory " + abs + " exists and is not a directory");
        }
        try {
            Files.createDirectories(abs);
            Path probe = Files.createTempFile(abs, ".muppet-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("report directory " + abs + " is not writable: " + e, e);
        }
        return abs;
    }

    /**
     * Writes files into the directory: first every file under a temporary name, then each renamed
     * into place, so that a failure while writing leaves no half-written report file (temporary
     * files are removed).
     *
     * @param dir the directory, checked with {@link #prepare} first
     * @param files file name (no separators) to content, in writing order
     * @throws IOException naming the directory and the file on failure
     */
    static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        Path abs = prepare(dir);
        List<Path[]> staged = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = abs.resolve(f.getKey());
                if (!target.getParent().equals(abs)) {
                    throw new IllegalArgumentException("file name must be plain: " + f.getKey());
                }
                // Not createTempFile: its 0600 mode would stick to the report after the rename.
                Path tmp = abs.resolve("." + f.getKey() + "." + UUID.randomUUID() + ".tmp");
                staged.add(new Path[] {tmp, target});
                Files.write(tmp, f.getValue(), StandardOpenOption.CREATE_NEW);
            }
            for (Path[] s : staged) {
                move(s[0], s[1]);
            }
        } catch (IOException e) {
            for (Path[] s : staged) {
                Files.deleteIfExists(s[0]);
            }
            throw new IOException("cannot write report into " + abs + ": " + e, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
