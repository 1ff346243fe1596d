/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The chunk runner covers each element once, in chunk order, and reports every failure. */
class ChunkRunnerTest {

    private static final int N = 40 * ChunkRunner.MIN_CHUNK + 123;

    /** Checks that the chunks returned tile [0, n) in order. */
    private static void assertTiles(List<int[]> chunks, int n) {
        int expected = 0;
        for (int[] c : chunks) {
            assertEquals(expected, c[0], "chunks must be contiguous and in order");
            assertTrue(c[1] > c[0], "chunks must not be empty");
            expected = c[1];
        }
        assertEquals(n, expected);
    }

    @Test
    void chunksTileTheRangeInOrderOnEveryRun() {
        try (ChunkRunner runner = new ChunkRunner(3)) {
            for (int run = 0; run < 200; run++) {
                List<int[]> chunks = runner.run(N, (from, to) -> new int[] {from, to});
                assertEquals(12, chunks.size());
                assertTiles(chunks, N);
            }
        }
    }

    @Test
    void smallRangesRunOnTheCallerAsOneChunk() {
        try (ChunkRunner runner = new ChunkRunner(2)) {
            Thread caller = Thread.currentThread();
            List<Thread> seen = new ArrayList<>();
            List<int[]> chunks =
                    runner.run(
                            ChunkRunner.MIN_CHUNK,
                            (from, to) -> {
                                seen.add(Thread.currentThread());
                                return new int[] {from, to};
                            });
            assertEquals(1, chunks.size());
            assertTiles(chunks, ChunkRunner.MIN_CHUNK);
            assertSame(caller, seen.get(0));
        }
    }

    @Test
    void aFailingChunkFailsTheRunAfterTheOthersFinish() {
        try (ChunkRunner runner = new ChunkRunner(2)) {
            for (int run = 0; run < 50; run++) {
                AtomicInteger finished = new AtomicInteger();
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class,
                                () ->
                                        runner.run(
                                                N,
                                                (from, to) -> {
                                                    if (from == 0) {
                                                        throw new IllegalStateException("boom");
                                                    }
                                                    finished.incrementAndGet();
                                                    return null;
                                                }));
                assertEquals("boom", e.getMessage());
                // Every other chunk ran to the end before the caller returned.
                assertEquals(7, finished.get());
            }
        }
    }

    @Test
    void closedRunnersStillRunOnTheCaller() {
        ChunkRunner runner = new ChunkRunner(2);
        runner.run(N, (from, to) -> null);
        runner.close();
        Thread caller = Thread.currentThread();
        List<int[]> chunks =
                runner.run(
                        N,
                        (from, to) -> {
                            assertSame(caller, Thread.currentThread());
                            return new int[] {from, to};
                        });
        assertTiles(chunks, N);
    }

    @Test
    void concurrentCallersEachGetTheirOwnResults() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (ChunkRunner runner = new ChunkRunner(2)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int n = N + 1000 * c;
                futures.add(
                        callers.submit(
                                () -> {
                                    for (int run = 0; run < 100; run++) {
                                        assertTiles(
                                                runner.run(n, (from, to) -> new int[] {from, to}),
                                                n);
                                    }
                                    return true;
                                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
