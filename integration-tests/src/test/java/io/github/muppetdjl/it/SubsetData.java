/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The shipped Fashion-MNIST subset (10k train / 2k test) through DJL's own {@link FashionMnist},
 * read from a generated local repository (ENVIRONMENT.md). Test-only stand-in until the data helper
 * of the {@code data} package is merged.
 */
final class SubsetData {

    private static final String RESOURCE = "/io/github/muppetdjl/data/fashion-mnist/";
    private static final String[][] FILES = {
        {"train_data", "train-images-idx3-ubyte.gz"},
        {"train_labels", "train-labels-idx1-ubyte.gz"},
        {"test_data", "t10k-images-idx3-ubyte.gz"},
        {"test_labels", "t10k-labels-idx1-ubyte.gz"}
    };

    private SubsetData() {}

    /**
     * Returns a prepared dataset.
     *
     * @param usage train or test
     * @param batchSize the batch size
     * @param shuffle whether to shuffle (seeded through the engine's random seed)
     * @param limit the most examples to use
     * @return the dataset
     */
    static FashionMnist load(Dataset.Usage usage, int batchSize, boolean shuffle, long limit) {
        Path root = Path.of("target", "fashion-subset").toAbsolutePath();
        String previous = System.getProperty("DJL_CACHE_DIR");
        try {
            Path repo = writeRepository(root.resolve("repo"));
            // A private cache keeps DJL from mixing this subset with a cached full dataset.
            System.setProperty("DJL_CACHE_DIR", root.resolve("cache").toString());
            FashionMnist ds =
                    FashionMnist.builder()
                            .optRepository(Repository.newInstance("fashion-subset", repo))
                            .optUsage(usage)
                            .optPipeline(new Pipeline(new ToTensor()))
                            .setSampling(batchSize, shuffle)
                            .optLimit(limit)
                            .build();
            ds.prepare();
            return ds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) {
                System.clearProperty("DJL_CACHE_DIR");
            } else {
                System.setProperty("DJL_CACHE_DIR", previous);
            }
        }
    }

    private static synchronized Path writeRepository(Path repo) throws IOException {
        Path dir = repo.resolve("dataset/cv/ai/djl/basicdataset/fashmnist");
        Files.createDirectories(dir);
        StringBuilder files = new StringBuilder();
        for (String[] f : FILES) {
            Path target = repo.resolve("files").resolve(f[1]);
            Files.createDirectories(target.getParent());
            try (InputStream in = SubsetData.class.getResourceAsStream(RESOURCE + f[1])) {
                if (in == null) {
                    throw new IOException("missing resource " + f[1]);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (files.length() > 0) {
                files.append(",\n");
            }
            files.append("        \"")
                    .append(f[0])
                    .append("\": {\"uri\": \"")
                    .append(target.toUri())
                    .append("\"}");
        }
        String json =
                "{\n  \"metadataVersion\": \"0.2\",\n  \"resourceType\": \"dataset\",\n"
                        + "  \"application\": \"cv\",\n  \"groupId\": \"ai.djl.basicdataset\",\n"
                        + "  \"artifactId\": \"fashmnist\",\n  \"name\": \"fashmnist\",\n"
                        + "  \"artifacts\": [{\n    \"version\": \"1.0\",\n"
                        + "    \"snapshot\": false,\n    \"name\": \"fashmnist\",\n"
                        + "    \"files\": {\n"
                        + files
                        + "\n    }\n  }]\n}\n";
        Files.writeString(dir.resolve("metadata.json"), json);
        return repo;
    }
}
