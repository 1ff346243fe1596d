/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.report.HtmlReportWriter;
import io.github.muppetdjl.report.JsonReportWriter;
import io.github.muppetdjl.report.RaceTableFormatter;
import io.github.muppetdjl.report.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link Race} produced: one {@link RunRecord} per recipe, in race order, with the target
 * and baseline its projections (estimates) refer to.
 *
 * @param runs the runs; copied
 * @param target the name of the projection's throughput table
 * @param baseline what projected costs are relative to
 */
public record RaceResult(List<RunRecord> runs, String target, Baseline baseline) {

    /** Validates the fields and copies the list. */
    public RaceResult {
        if (runs == null || target == null || baseline == null) {
            throw new IllegalArgumentException("runs, target and baseline must not be null");
        }
        runs = List.copyOf(runs);
    }

    /**
     * Returns the console table ({@link RaceTableFormatter}).
     *
     * @return the table, one line per run after the header
     */
    public String table() {
        return RaceTableFormatter.format(runs);
    }

    /**
     * Returns the line that says what the projection columns mean.
     *
     * @return e.g. {@code proj. speed-up: ESTIMATE over TF32 tensor cores on NVIDIA H100 ...}
     */
    public String projectionNote() {
        return "proj. speed-up and memory: cost-model ESTIMATES over " + baseline + " on " + target;
    }

    /**
     * Writes {@code report.json} and {@code report.html} (with its PNG charts) into a directory.
     *
     * @param dir the directory, created if needed
     * @return the HTML report's path
     * @throws IOException if writing fails
     */
    public Path writeReports(Path dir) throws IOException {
        String label = target + ", baseline " + baseline;
        new JsonReportWriter(label).write(dir, runs);
        return new HtmlReportWriter(label).write(dir, runs);
    }
}
