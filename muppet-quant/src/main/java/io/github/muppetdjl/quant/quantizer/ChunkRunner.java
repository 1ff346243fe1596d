/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits an element range into contiguous chunks (a few per thread) and runs a task on each, the
 * calling thread and a private pool of daemon threads (which exit when idle) claiming chunks in
 * turn. Results never depend on the split, because the kernels' generator depends only on element
 * indices and per-chunk results (counts, block maxima) are combined associatively.
 */
final class ChunkRunner implements AutoCloseable {

    /** Below this many elements per thread the hand-off costs more than it saves. */
    static final int MIN_CHUNK = 1 << 15;

    /** Chunks per thread, so that threads slowed by other load hand work to the others. */
    private static final int CHUNKS_PER_THREAD = 4;

    /** Chunk boundaries are multiples of this, so vector loops see whole vectors. */
    private static final int ALIGN = 64;

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private volatile ThreadPoolExecutor pool;

    /** A task over one chunk. */
    @FunctionalInterface
    interface ChunkTask<R> {
        /**
         * Processes elements {@code [from, to)}.
         *
         * @param from first element
         * @param to end element (exclusive)
         * @return the chunk's partial result
         */
        R run(int from, int to);
    }

    ChunkRunner(int threads) {
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, n)} in chunks.
     *
     * @param n the element count
     * @param task the task
     * @param <R> the partial result type
     * @return the partial results in chunk order
     */
    <R> List<R> run(int n, ChunkTask<R> task) {
        int chunks = (int) Math.max(1, Math.min((long) threads * CHUNKS_PER_THREAD, n / MIN_CHUNK));
        if (chunks == 1 || threads == 1) {
            // A singleton that admits null: tasks without statistics return null.
            return Collections.singletonList(task.run(0, n));
        }
        int[] bounds = new int[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            bounds[c] = (int) ((long) n * c / chunks / ALIGN * ALIGN);
        }
        bounds[chunks] = n;
        Object[] results = new Object[chunks];
        AtomicInteger next = new AtomicInteger();
        // Chunks are claimed, not assigned: a thread the OS preempts simply takes fewer.
        Callable<Void> worker =
                () -> {
                    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                        results[c] = task.run(bounds[c], bounds[c + 1]);
                    }
                    return null;
                };
        ExecutorService executor = pool();
        int helpers = Math.min(threads, chunks) - 1;
        List<Future<Void>> futures = new ArrayList<>(helpers);
        for (int t = 0; t < helpers; t++) {
            futures.add(executor.submit(worker));
        }
        try {
            worker.call();
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        } finally {
            for (Future<Void> f : futures) {
                join(f);
            }
        }
        List<R> list = new ArrayList<>(chunks);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R typed = (R) r;
            list.add(typed);
        }
        return list;
    }

    private static <R> R join(Future<R> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // Finish the chunk regardless: the tensor must not be left half quantised.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ExecutorService pool() {
        ThreadPoolExecutor p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    int id = POOL_IDS.incrementAndGet();
                    AtomicInteger count = new AtomicInteger();
                    p =
                            new ThreadPoolExecutor(
                                    threads - 1,
                                    threads - 1,
                                    30,
                                    TimeUnit.SECONDS,
                                    new LinkedBlockingQueue<>(),
                                    r -> {
                                        Thread t =
                                                new Thread(
                                                        r,
                                                        "muppet-quant-"
                                                                + id
                                                                + "-"
                                                                + count.incrementAndGet());
                                        t.setDaemon(true);
                                        return t;
                                    });
                    p.allowCoreThreadTimeOut(true);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Stops the worker threads; later runs start new ones. */
    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }
}
