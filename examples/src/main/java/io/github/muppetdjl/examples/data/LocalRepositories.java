/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.data;

import ai.djl.repository.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates DJL local repositories for Fashion-MNIST: a folder holding {@code dataset/cv/<group
 * path>/<artifact>/metadata.json} whose artifact {@code 1.0} lists the four files by absolute
 * {@code file://} URI without a SHA-1 hash (Debian recompresses the archives, so DJL's hashes would
 * not match). Every file is written to a temporary file and moved into place atomically, so
 * concurrent JVMs never see a partial file.
 */
final class LocalRepositories {

    /** The group id of the generated repositories. */
    static final String GROUP_ID = "io.github.muppetdjl.data";

    /** Item name in DJL's metadata to file name, in DJL's order. */
    static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("train_data", "train-images-idx3-ubyte.gz");
        FILES.put("train_labels", "train-labels-idx1-ubyte.gz");
        FILES.put("test_data", "t10k-images-idx3-ubyte.gz");
        FILES.put("test_labels", "t10k-labels-idx1-ubyte.gz");
    }

    private static final String RESOURCES = "/io/github/muppetdjl/examples/data/fashion-mnist/";

    /** A generated repository and the coordinates of its Fashion-MNIST artifact. */
    record Local(Repository repository, String groupId, String artifactId) {}

    private LocalRepositories() {}

    /** Returns whether all four files are in {@code dir}. */
    static boolean debianInstalled(Path dir) {
        for (String file : FILES.values()) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    /** Generates the repository over Debian's files (read in place, not copied). */
    static Local debian(Path debianDir, Path cacheDir) throws IOException {
        MessageDigest digest = sha256();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            Path file = debianDir.resolve(e.getValue()).toAbsolutePath();
            files.put(e.getKey(), file);
            // Identity of the installed files: a package upgrade changes size or time.
            String id = file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file);
            digest.update(id.getBytes(StandardCharsets.UTF_8));
        }
        String artifactId = "fashmnist-debian-" + shortHex(digest);
        return write(cacheDir.resolve(artifactId), artifactId, files);
    }

    /** Extracts the shipped subset (once per content) and generates its repository. */
    static Local subset(Path cacheDir) throws IOException {
        MessageDigest digest = sha256();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            byte[] bytes;
            try (InputStream is =
                    LocalRepositories.class.getResourceAsStream(RESOURCES + e.getValue())) {
                if (is == null) {
                    throw new IOException("missing resource " + RESOURCES + e.getValue());
                }
                bytes = is.readAllBytes();
            }
            digest.update(bytes);
            contents.put(e.getKey(), bytes);
        }
        String artifactId = "fashmnist-subset-" + shortHex(digest);
        Path root = cacheDir.resolve(artifactId);
        Path dataDir = root.resolve("files");
        Files.createDirectories(dataDir);
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            Path target = dataDir.resolve(FILES.get(e.getKey()));
            byte[] bytes = e.getValue();
            // Content-addressed folder: a complete file of the right size is the right file.
            if (!Files.isRegularFile(target) || Files.size(target) != bytes.length) {
                writeAtomically(target, bytes);
            }
            files.put(e.getKey(), target.toAbsolutePath());
        }
        return write(root, artifactId, files);
    }

    private static Local write(Path root, String artifactId, Map<String, Path> files)
            throws IOException {
        Path dir = root.resolve("repo/dataset/cv/" + GROUP_ID.replace('.', '/') + "/" + artifactId);
        Files.createDirectories(dir);
        byte[] json = metadata(artifactId, files).getBytes(StandardCharsets.UTF_8);
        Path metadata = dir.resolve("metadata.json");
        if (!Files.isRegularFile(metadata)
                || !java.util.Arrays.equals(Files.readAllBytes(metadata), json)) {
            writeAtomically(metadata, json);
        }
        Repository repository = Repository.newInstance(artifactId, root.resolve("repo"));
        return new Local(repository, GROUP_ID, artifactId);
    }

    static String metadata(String artifactId, Map<String, Path> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"metadataVersion\": \"0.2\",\n  \"resourceType\": \"dataset\",\n")
                .append("  \"application\": \"cv\",\n  \"groupId\": \"")
                .append(GROUP_ID)
                .append("\",\n  \"artifactId\": \"")
                .append(artifactId)
                .append("\",\n  \"name\": \"fashmnist\",\n")
                .append("  \"artifacts\": [\n    {\n      \"version\": \"1.0\",\n")
                .append("      \"snapshot\": false,\n      \"files\": {\n");
        int i = 0;
        for (Map.Entry<String, Path> e : files.entrySet()) {
            sb.append("        \"")
                    .append(e.getKey())
                    .append("\": {\"uri\": \"")
                    .append(e.getValue().toUri())
                    .append("\", \"size\": ")
                    .append(Files.size(e.getValue()))
                    .append('}')
                    .append(++i < files.size() ? ",\n" : "\n");
        }
        sb.append("      }\n    }\n  ]\n}\n");
        return sb.toString();
    }

    /** Writes to a temporary file in the same folder, then renames it over the target. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String shortHex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest(), 0, 6);
    }
}
