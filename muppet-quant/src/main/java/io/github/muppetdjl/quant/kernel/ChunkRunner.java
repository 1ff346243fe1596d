/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits an element range into contiguous chunks (a few per thread) and runs a task on each, the
 * calling thread and a few daemon worker threads claiming chunks in turn. Results never depend on
 * the split, because the kernels' generator depends only on element indices and per-chunk results
 * (counts, block maxima) are combined associatively.
 *
 * <p>Why not an {@code ExecutorService}: waking a parked thread can cost as much as quantising a
 * tensor of a hundred thousand elements, and training quantises a few dozen such tensors per step,
 * each in two passes for block floating point. So:
 *
 * <ul>
 *   <li>The caller never waits for a worker that has not started: it works through the chunks
 *       itself and then waits only for chunks a worker has claimed. A late worker finds nothing
 *       left and goes back to waiting.
 *   <li>A worker that finishes spins for {@link #SPIN_NANOS} before it parks, so that the second
 *       pass of a call, or the next call, finds it awake. Spinning longer would take the core from
 *       the engine's own threads between calls.
 *   <li>Workers that stay idle for {@link #IDLE_NANOS} exit; the next run starts them again.
 * </ul>
 */
final class ChunkRunner implements AutoCloseable {

    /** Below this many elements per thread the hand-off costs more than it saves. */
    static final int MIN_CHUNK = 1 << 15;

    /** Chunks per thread, so that threads slowed by other load hand work to the others. */
    private static final int CHUNKS_PER_THREAD = 4;

    /** Chunk boundaries are multiples of this, so vector loops see whole vectors. */
    private static final int ALIGN = 64;

    /** How long an idle worker spins, and a caller waiting for a claimed chunk, before parking. */
    static final long SPIN_NANOS = 30_000;

    /** How long a worker waits for work before it exits. */
    private static final long IDLE_NANOS = 30_000_000_000L;

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final int poolId = POOL_IDS.incrementAndGet();
    private final Thread[] workers;

    /** The latest job; workers take part in it until its chunks are all claimed. */
    private final AtomicReference<Job<?>> current = new AtomicReference<>();

    private volatile boolean closed;

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
        this.workers = new Thread[threads - 1];
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
        if (chunks == 1 || threads == 1 || closed) {
            // A singleton that admits null: tasks without statistics return null.
            return Collections.singletonList(task.run(0, n));
        }
        Job<R> job = new Job<>(n, chunks, task, Thread.currentThread());
        current.set(job);
        wakeWorkers();
        job.work();
        job.awaitClaimed();
        // Drop the finished job (and the buffers its task holds) unless a newer one replaced it.
        current.compareAndSet(job, null);
        Throwable error = job.error;
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
        List<R> list = new ArrayList<>(chunks);
        for (Object r : job.results) {
            @SuppressWarnings("unchecked")
            R typed = (R) r;
            list.add(typed);
        }
        return list;
    }

    private void wakeWorkers() {
        synchronized (workers) {
            for (int t = 0; t < workers.length; t++) {
                Thread w = workers[t];
                if (w == null || !w.isAlive()) {
                    w = new Thread(this::workerLoop, "muppet-quant-" + poolId + "-" + (t + 1));
                    w.setDaemon(true);
                    workers[t] = w;
                    w.start();
                } else {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    private void workerLoop() {
        Job<?> done = null;
        long idleSince = System.nanoTime();
        while (!closed) {
            Job<?> job = current.get();
            if (job != null && job != done) {
                job.work();
                done = job;
                idleSince = System.nanoTime();
                continue;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (idle < IDLE_NANOS) {
                LockSupport.parkNanos(this, IDLE_NANOS - idle);
            } else {
                // Leave the slot to a new thread; wakeWorkers sees this one is no longer alive
                // only after it returns, so a job published meanwhile is done by its caller.
                return;
            }
        }
    }

    /** Stops the worker threads; later runs use the calling thread only. */
    @Override
    public void close() {
        closed = true;
        synchronized (workers) {
            for (Thread w : workers) {
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    /** One run: the chunk bounds, the claim counter and the completion count. */
    private static final class Job<R> {
        private final int chunks;
        private final int[] bounds;
        private final Object[] results;
        private final ChunkTask<R> task;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable error;

        Job(int n, int chunks, ChunkTask<R> task, Thread caller) {
            this.chunks = chunks;
            this.task = task;
            this.caller = caller;
            this.results = new Object[chunks];
            this.bounds = new int[chunks + 1];
            for (int c = 1; c < chunks; c++) {
                bounds[c] = (int) ((long) n * c / chunks / ALIGN * ALIGN);
            }
            bounds[chunks] = n;
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    // Chunks keep running after a failure: the tensor must not be left half
                    // quantised without the caller knowing which part.
                    results[c] = task.run(bounds[c], bounds[c + 1]);
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
                    }
                }
                // The increment publishes results[c] to the caller, which reads it after
                // seeing the count.
                if (finished.incrementAndGet() == chunks) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Waits until every chunk has finished; all are claimed when the caller gets here. */
        void awaitClaimed() {
            long start = System.nanoTime();
            while (finished.get() < chunks) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // Finishing the chunks matters more than an interrupt; park returns at once
                    // while the flag is set, so spinning continues until the work is done.
                    LockSupport.parkNanos(this, 100_000);
                }
            }
        }
    }
}
