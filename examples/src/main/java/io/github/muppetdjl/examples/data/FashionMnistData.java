/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.data;

import ai.djl.basicdataset.BasicDatasets;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Fashion-MNIST as DJL {@link FashionMnist} datasets, from one of three sources:
 *
 * <ul>
 *   <li>{@link Source#DEBIAN}: Debian's {@code dataset-fashion-mnist} package (60,000 training and
 *       10,000 test images under {@code /usr/share/datasets/fashion-mnist}), read through a
 *       generated DJL local repository;
 *   <li>{@link Source#DOWNLOAD}: DJL's own download (needs internet);
 *   <li>{@link Source#SUBSET}: the 10,000 / 2,000 image subset shipped in this jar, extracted to a
 *       cache directory and read through a generated local repository.
 * </ul>
 *
 * {@link Source#AUTO} picks Debian when installed, else the download when DJL's repository answers
 * within the timeout, else the subset. The choice is logged and returned by {@link #source()}.
 *
 * <p>Our choice: each local repository uses its own group and artifact id, so DJL's cache (one
 * folder per artifact) never serves the subset when the full set was asked for, or the reverse.
 */
public final class FashionMnistData {

    private static final Logger logger = LoggerFactory.getLogger(FashionMnistData.class);

    /** Where Debian's package installs the data. */
    public static final Path DEBIAN_DIR = Paths.get("/usr/share/datasets/fashion-mnist");

    /** Where the data comes from. */
    public enum Source {
        /** Debian if installed, else the download if online, else the subset. */
        AUTO,
        /** Debian's {@code dataset-fashion-mnist} package. */
        DEBIAN,
        /** DJL's own download. */
        DOWNLOAD,
        /** The subset shipped in this jar. */
        SUBSET
    }

    private final Source source;
    private final Repository repository;
    private final String groupId;
    private final String artifactId;
    private final Builder config;

    private FashionMnistData(Builder builder, Source source, LocalRepositories.Local local) {
        this.config = builder;
        this.source = source;
        if (local == null) {
            this.repository = BasicDatasets.REPOSITORY;
            this.groupId = BasicDatasets.GROUP_ID;
            this.artifactId = "fashmnist";
        } else {
            this.repository = local.repository();
            this.groupId = local.groupId();
            this.artifactId = local.artifactId();
        }
    }

    /**
     * Returns a builder: source AUTO, batch size 32, training set shuffled.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the source in use (never {@link Source#AUTO}).
     *
     * @return the resolved source
     */
    public Source source() {
        return source;
    }

    /**
     * Returns the prepared training set.
     *
     * @return the training dataset
     * @throws IOException if reading fails
     * @throws TranslateException if DJL fails to prepare the dataset
     */
    public FashionMnist trainDataset() throws IOException, TranslateException {
        return dataset(Dataset.Usage.TRAIN);
    }

    /**
     * Returns the prepared test set (never shuffled).
     *
     * @return the test dataset
     * @throws IOException if reading fails
     * @throws TranslateException if DJL fails to prepare the dataset
     */
    public FashionMnist testDataset() throws IOException, TranslateException {
        return dataset(Dataset.Usage.TEST);
    }

    /**
     * Returns a prepared dataset.
     *
     * @param usage TRAIN or TEST
     * @return the dataset
     * @throws IOException if reading fails
     * @throws TranslateException if DJL fails to prepare the dataset
     */
    public FashionMnist dataset(Dataset.Usage usage) throws IOException, TranslateException {
        if (usage != Dataset.Usage.TRAIN && usage != Dataset.Usage.TEST) {
            throw new IllegalArgumentException("usage must be TRAIN or TEST, got " + usage);
        }
        FashionMnist.Builder b =
                FashionMnist.builder()
                        .optUsage(usage)
                        .optRepository(repository)
                        .optGroupId(groupId)
                        .optArtifactId(artifactId)
                        .setSampling(
                                config.batchSize, usage == Dataset.Usage.TRAIN && config.shuffle);
        if (config.limit < Long.MAX_VALUE) {
            b.optLimit(config.limit);
        }
        if (config.manager != null) {
            b.optManager(config.manager);
        }
        FashionMnist dataset = b.build();
        dataset.prepare();
        return dataset;
    }

    @Override
    public String toString() {
        return "FashionMnistData(" + source + ")";
    }

    /** Configures {@link FashionMnistData}; every setting is optional. */
    public static final class Builder {

        Source source = Source.AUTO;
        int batchSize = 32;
        boolean shuffle = true;
        long limit = Long.MAX_VALUE;
        NDManager manager;
        Path cacheDir;
        Path debianDir = DEBIAN_DIR;
        Duration timeout = Duration.ofMillis(1500);
        URI probeUri;

        Builder() {}

        /** Replaces the address AUTO probes (tests). */
        Builder probeUri(URI uri) {
            this.probeUri = uri;
            return this;
        }

        /**
         * Sets the source (default AUTO).
         *
         * @param source the source
         * @return this builder
         */
        public Builder optSource(Source source) {
            this.source = source;
            return this;
        }

        /**
         * Sets the batch size (default 32).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets whether the training set is shuffled (default true); the test set never is.
         *
         * @param shuffle whether to shuffle
         * @return this builder
         */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Keeps only the first {@code limit} items of each set.
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder optLimit(long limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Sets the manager the datasets' arrays live on (default: each dataset's own).
         *
         * @param manager the manager
         * @return this builder
         */
        public Builder optManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * Sets where the generated repositories and the extracted subset go (default {@code <DJL
         * cache dir>/muppet-djl}).
         *
         * @param cacheDir a writable directory
         * @return this builder
         */
        public Builder optCacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /**
         * Sets where Debian's files are looked for (default {@link #DEBIAN_DIR}).
         *
         * @param debianDir the directory
         * @return this builder
         */
        public Builder optDebianDir(Path debianDir) {
            this.debianDir = debianDir;
            return this;
        }

        /**
         * Sets how long AUTO waits for DJL's repository to answer (default 1.5 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder optReachabilityTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Resolves the source and prepares its local repository.
         *
         * @return the data helper
         * @throws IOException if the repository cannot be written or the source is missing
         * @throws IllegalArgumentException if a setting is out of range
         */
        public FashionMnistData build() throws IOException {
            if (source == null || debianDir == null || timeout == null) {
                throw new IllegalArgumentException("source, debianDir and timeout must be set");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be >= 1, got " + limit);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            Path cache = cacheDir != null ? cacheDir : Utils.getCacheDir().resolve("muppet-djl");
            Source resolved = resolve();
            LocalRepositories.Local local;
            switch (resolved) {
                case DEBIAN:
                    local = LocalRepositories.debian(debianDir, cache);
                    break;
                case SUBSET:
                    local = LocalRepositories.subset(cache);
                    break;
                default:
                    local = null;
            }
            logger.info("Fashion-MNIST source: {} (asked for {})", resolved, source);
            return new FashionMnistData(this, resolved, local);
        }

        private Source resolve() throws IOException {
            switch (source) {
                case DEBIAN:
                    if (!LocalRepositories.debianInstalled(debianDir)) {
                        throw new IOException(
                                "Debian's Fashion-MNIST is not installed in "
                                        + debianDir
                                        + " (apt-get install dataset-fashion-mnist)");
                    }
                    return Source.DEBIAN;
                case AUTO:
                    if (LocalRepositories.debianInstalled(debianDir)) {
                        return Source.DEBIAN;
                    }
                    URI probe = probeUri != null ? probeUri : BasicDatasets.REPOSITORY.getBaseUri();
                    return reachable(probe, timeout) ? Source.DOWNLOAD : Source.SUBSET;
                default:
                    return source;
            }
        }
    }

    /** Returns whether {@code uri} answers an HTTP HEAD within the timeout. */
    static boolean reachable(URI uri, Duration timeout) {
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return Files.exists(Paths.get(uri));
        }
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            c.setConnectTimeout(millis);
            c.setReadTimeout(millis);
            c.setRequestMethod("HEAD");
            try {
                return c.getResponseCode() < 500;
            } finally {
                c.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            logger.debug("DJL repository {} not reachable: {}", uri, e.toString());
            return false;
        }
    }
}
