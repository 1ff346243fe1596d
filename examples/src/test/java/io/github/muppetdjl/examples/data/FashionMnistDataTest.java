/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;

import com.sun.net.httpserver.HttpServer;

import io.github.muppetdjl.examples.data.FashionMnistData.Source;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

class FashionMnistDataTest {

    /** Nothing listens on port 1: the probe fails at once, as offline. */
    private static final URI OFFLINE = URI.create("http://127.0.0.1:1/");

    @TempDir Path cache;
    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static byte[] resourceLabels(String file, int count) throws IOException {
        try (InputStream is =
                        FashionMnistDataTest.class.getResourceAsStream(
                                "/io/github/muppetdjl/examples/data/fashion-mnist/" + file);
                InputStream gz = new GZIPInputStream(is)) {
            gz.readNBytes(8); // IDX header: magic, count
            return gz.readNBytes(count);
        }
    }

    @Test
    void subsetLoadsTenThousandAndTwoThousandWithoutNetwork() throws Exception {
        FashionMnistData data =
                FashionMnistData.builder()
                        .optSource(Source.SUBSET)
                        .optCacheDir(cache)
                        .optBatchSize(50)
                        .optManager(manager)
                        .build();
        assertEquals(Source.SUBSET, data.source());
        FashionMnist train = data.trainDataset();
        FashionMnist test = data.testDataset();
        assertEquals(10000, train.size());
        assertEquals(2000, test.size());
        byte[] labels = resourceLabels("t10k-labels-idx1-ubyte.gz", 5);
        for (int i = 0; i < labels.length; i++) {
            Record r = test.get(manager, i);
            assertEquals(labels[i], (byte) r.getLabels().singletonOrThrow().getFloat(), "#" + i);
            assertEquals(new Shape(28, 28, 1), r.getData().singletonOrThrow().getShape());
        }
        for (Batch batch : train.getData(manager)) {
            assertEquals(new Shape(50, 1, 28, 28), batch.getData().singletonOrThrow().getShape());
            batch.close();
            break;
        }
    }

    @Test
    void limitKeepsTheFirstItems() throws Exception {
        FashionMnistData data =
                FashionMnistData.builder()
                        .optSource(Source.SUBSET)
                        .optCacheDir(cache)
                        .optLimit(100)
                        .optManager(manager)
                        .build();
        assertEquals(100, data.trainDataset().size());
        assertEquals(100, data.testDataset().size());
    }

    @Test
    void debianYieldsTheFullSet() throws Exception {
        assumeTrue(
                LocalRepositories.debianInstalled(FashionMnistData.DEBIAN_DIR),
                "dataset-fashion-mnist is not installed");
        FashionMnistData data =
                FashionMnistData.builder()
                        .optSource(Source.DEBIAN)
                        .optCacheDir(cache)
                        .optManager(manager)
                        .build();
        assertEquals(Source.DEBIAN, data.source());
        assertEquals(60000, data.trainDataset().size());
        assertEquals(10000, data.testDataset().size());
    }

    /** DJL caches prepared files per artifact: each source must have its own. */
    @Test
    void sourcesDoNotShareDjlsCache() throws Exception {
        assumeTrue(LocalRepositories.debianInstalled(FashionMnistData.DEBIAN_DIR));
        FashionMnistData debian =
                FashionMnistData.builder()
                        .optSource(Source.DEBIAN)
                        .optCacheDir(cache)
                        .optManager(manager)
                        .build();
        FashionMnistData subset =
                FashionMnistData.builder()
                        .optSource(Source.SUBSET)
                        .optCacheDir(cache)
                        .optManager(manager)
                        .build();
        assertEquals(10000, debian.testDataset().size());
        assertEquals(2000, subset.testDataset().size());
        assertEquals(10000, debian.testDataset().size());
    }

    @Test
    void autoPicksDebianWhenInstalled() throws IOException {
        assumeTrue(LocalRepositories.debianInstalled(FashionMnistData.DEBIAN_DIR));
        FashionMnistData data =
                FashionMnistData.builder().optCacheDir(cache).probeUri(OFFLINE).build();
        assertEquals(Source.DEBIAN, data.source());
    }

    @Test
    void autoPicksTheSubsetWhenOfflineWithoutDebian() throws Exception {
        FashionMnistData data =
                FashionMnistData.builder()
                        .optCacheDir(cache)
                        .optDebianDir(cache.resolve("no-such-dir"))
                        .probeUri(OFFLINE)
                        .optManager(manager)
                        .optLimit(10)
                        .build();
        assertEquals(Source.SUBSET, data.source());
        assertEquals(10, data.trainDataset().size());
    }

    @Test
    void autoPicksTheDownloadWhenTheRepositoryAnswers() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            FashionMnistData data =
                    FashionMnistData.builder()
                            .optCacheDir(cache)
                            .optDebianDir(cache.resolve("no-such-dir"))
                            .probeUri(uri)
                            .build();
            assertEquals(Source.DOWNLOAD, data.source());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void explicitDebianWithoutThePackageFails() {
        assertThrows(
                IOException.class,
                () ->
                        FashionMnistData.builder()
                                .optSource(Source.DEBIAN)
                                .optDebianDir(cache.resolve("no-such-dir"))
                                .optCacheDir(cache)
                                .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> FashionMnistData.builder().optBatchSize(0).build());
    }

    @Test
    void concurrentExtractionsProduceCompleteFiles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LocalRepositories.Local>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> LocalRepositories.subset(cache)));
            }
            for (Future<LocalRepositories.Local> f : futures) {
                assertEquals(futures.get(0).get().artifactId(), f.get().artifactId());
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertTrue(all.stream().noneMatch(p -> p.toString().endsWith(".tmp")), "" + all);
            for (String name : LocalRepositories.FILES.values()) {
                Path extracted =
                        all.stream().filter(p -> p.endsWith(name)).findFirst().orElseThrow();
                try (InputStream is =
                        getClass()
                                .getResourceAsStream(
                                        "/io/github/muppetdjl/examples/data/fashion-mnist/"
                                                + name)) {
                    assertEquals(is.readAllBytes().length, Files.size(extracted), name);
                }
            }
        }
    }
}
