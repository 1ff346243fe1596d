/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.schedule;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * CPT's precision range test (Fu et al., ICLR 2021; docs/algorithms.md §6.5), which finds the lower
 * bound {@code bMin} of the cyclic schedule. The paper describes it in a sentence (raise the
 * precision from the lowest until the training accuracy improves by more than a threshold); the
 * procedure below is ours:
 *
 * <ol>
 *   <li>train at {@code startBits} (default 2) forward bits for {@code window} iterations (default
 *       20) and average the training accuracy of those batches;
 *   <li>raise the width by one and do the same;
 *   <li>the first width whose mean accuracy exceeds the previous width's by more than {@code
 *       threshold} (default 0.05, i.e. five percentage points) is {@code bMin};
 *   <li>widths stop below {@code maxBits} (the static baseline); if none qualifies, {@code bMin =
 *       maxBits} and the cyclic schedule degenerates to static {@code maxBits} training, which is
 *       reported rather than hidden.
 * </ol>
 *
 * <p>The test is fed one batch accuracy at a time ({@link #record}); {@link #bits()} is the width
 * to train the next batch at. It costs at most {@code (maxBits - startBits) * window} iterations,
 * {@link #iterations()} counts them. Mutable, not thread-safe; {@link #save}/{@link #load} carry
 * its progress through a checkpoint.
 */
public final class PrecisionRangeTest {

    private final Config config;
    private int bits;
    private int count;
    private double sum;
    private double previousMean = Double.NaN;
    private long iterations;
    private int result = -1;

    /**
     * The test's settings.
     *
     * @param startBits the first width tried, at least 1
     * @param maxBits the static baseline {@code bMax}, above {@code startBits}
     * @param window iterations per width, at least 1
     * @param threshold the accuracy gain (a fraction, e.g. 0.05) that marks {@code bMin}, at least
     *     0
     */
    public record Config(int startBits, int maxBits, int window, double threshold) {

        /** Defaults: from 2 bits, bMax 8, 20 iterations per width, threshold 0.05. */
        public static final Config DEFAULT = new Config(2, 8, 20, 0.05);

        /** Validates the fields. */
        public Config {
            if (startBits < 1 || maxBits <= startBits || maxBits > 24) {
                throw new IllegalArgumentException(
                        "need 1 <= startBits < maxBits <= 24, got "
                                + startBits
                                + " and "
                                + maxBits);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1, got " + window);
            }
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException(
                        "threshold must be finite and >= 0, got " + threshold);
            }
        }

        @Override
        public String toString() {
            return "prt{from="
                    + startBits
                    + ", max="
                    + maxBits
                    + ", window="
                    + window
                    + ", threshold="
                    + threshold
                    + "}";
        }
    }

    /**
     * Starts a test.
     *
     * @param config the settings
     */
    public PrecisionRangeTest(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.bits = config.startBits();
    }

    /**
     * Returns the settings.
     *
     * @return the config
     */
    public Config config() {
        return config;
    }

    /**
     * Returns the forward width to train the next batch at (the last width tried once done).
     *
     * @return the width
     */
    public int bits() {
        return bits;
    }

    /**
     * Returns whether {@code bMin} has been found.
     *
     * @return true when done
     */
    public boolean isDone() {
        return result >= 0;
    }

    /**
     * Returns the lower bound found.
     *
     * @return {@code bMin}
     * @throws IllegalStateException if the test is not done
     */
    public int minBits() {
        if (!isDone()) {
            throw new IllegalStateException("the precision range test has not finished");
        }
        return result;
    }

    /**
     * Returns the iterations the test has used so far.
     *
     * @return the iteration count
     */
    public long iterations() {
        return iterations;
    }

    /**
     * Records the training accuracy of one batch trained at {@link #bits()}.
     *
     * @param accuracy the fraction of the batch classified right, in [0, 1]
     * @throws IllegalArgumentException if the accuracy is not a number in [0, 1]
     * @throws IllegalStateException if the test is already done
     */
    public void record(double accuracy) {
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
        }
        if (isDone()) {
            throw new IllegalStateException("the precision range test has finished");
        }
        iterations++;
        sum += accuracy;
        if (++count < config.window()) {
            return;
        }
        double mean = sum / count;
        sum = 0;
        count = 0;
        if (!Double.isNaN(previousMean) && mean - previousMean > config.threshold()) {
            result = bits;
            return;
        }
        previousMean = mean;
        if (bits + 1 >= config.maxBits()) {
            result = config.maxBits();
        } else {
            bits++;
        }
    }

    /**
     * Writes the progress.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(bits);
        out.writeInt(count);
        out.writeDouble(sum);
        out.writeDouble(previousMean);
        out.writeLong(iterations);
        out.writeInt(result);
    }

    /**
     * Restores progress written by {@link #save} of a test with the same settings.
     *
     * @param in the stream
     * @throws IOException if reading fails or the values do not fit the settings
     */
    public void load(DataInputStream in) throws IOException {
        int b = in.readInt();
        int c = in.readInt();
        double s = in.readDouble();
        double p = in.readDouble();
        long it = in.readLong();
        int r = in.readInt();
        if (b < config.startBits() || b >= config.maxBits() || c < 0 || c >= config.window()) {
            throw new IOException("precision range test state does not fit " + config);
        }
        bits = b;
        count = c;
        sum = s;
        previousMean = p;
        iterations = it;
        result = r;
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
