/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream: {@code fp32 epoch 2/5 [===== ] 234/469 loss 0.4123
 * eta 0:15}. Redrawn with a carriage return at most every {@value #REDRAW_MS} ms, so that it costs
 * nothing next to a training step; the line is finished with a newline at the end of each epoch.
 */
final class ProgressBar {

    /** Least time between two redraws. */
    static final long REDRAW_MS = 250;

    private static final int WIDTH = 24;

    private final PrintWriter err;
    private long lastDraw;

    /**
     * Creates a bar.
     *
     * @param err where to draw; null draws nothing
     */
    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /**
     * Redraws the bar if enough time has passed, or always on the last batch.
     *
     * @param label e.g. {@code fp32 epoch 2/5}
     * @param done batches done
     * @param total batches in the epoch
     * @param meanLoss the running mean loss
     * @param elapsedNanos time since the epoch began
     */
    void update(String label, long done, long total, double meanLoss, long elapsedNanos) {
        long now = System.nanoTime() / 1_000_000;
        if (err == null || (done < total && now - lastDraw < REDRAW_MS)) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double eta = done == 0 ? 0 : elapsedNanos / 1e9 * (total - done) / done;
        err.print(
                String.format(
                        Locale.ROOT,
                        "\r%s [%s%s] %d/%d loss %.4f %s %s",
                        label,
                        "=".repeat(filled),
                        " ".repeat(WIDTH - filled),
                        done,
                        total,
                        meanLoss,
                        done < total ? "eta" : "took",
                        clock(done < total ? eta : elapsedNanos / 1e9)));
        err.flush();
    }

    /**
     * Ends the epoch's line with its test accuracy.
     *
     * @param testAccuracy the accuracy in [0, 1]
     */
    void finish(double testAccuracy) {
        if (err != null) {
            err.println(String.format(Locale.ROOT, " test acc %.2f%%", 100 * testAccuracy));
            err.flush();
        }
    }

    /** Ends the epoch's line of a run that diverged. */
    void finishDiverged() {
        if (err != null) {
            err.println(" diverged (non-finite loss)");
            err.flush();
        }
    }

    /**
     * Formats seconds as {@code m:ss}.
     *
     * @param seconds at least 0
     * @return the text
     */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
