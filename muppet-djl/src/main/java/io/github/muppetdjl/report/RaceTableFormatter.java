/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats the race summary as a plain-text table for the console: one row per run with the recipe,
 * how it ended, final test accuracy, median time per training step and total training time
 * (measured), projected speed-up and training-tensor memory (estimates), epochs per precision,
 * switch epochs and, for recipes with integer layers, the INT32 chunk sums that overflowed (a dash
 * for the others). Columns are padded to their widest cell; the last column is not padded.
 */
public final class RaceTableFormatter {

    private static final String[] HEADER = {
        "recipe",
        "status",
        "test acc",
        "ms/step",
        "train time",
        "proj. speed-up",
        "memory (est.)",
        "epochs per precision",
        "switch epochs",
        "INT32 overflows"
    };

    private RaceTableFormatter() {}

    /**
     * Formats the table.
     *
     * @param runs the runs in race order
     * @return the table, lines separated by {@code \n}, ending with a newline
     */
    public static String format(List<RunRecord> runs) {
        if (runs == null) {
            throw new IllegalArgumentException("runs must not be null");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RunRecord r : runs) {
            rows.add(
                    new String[] {
                        r.policy(),
                        ReportFormat.status(r),
                        ReportFormat.percent(r.testAccuracy()),
                        ReportFormat.millis(r.details().medianStepMs()),
                        ReportFormat.seconds(r.wallSeconds()),
                        ReportFormat.speedup(r.projectedSpeedup()),
                        ReportFormat.megabytes(r.details().totalMemoryBytes()),
                        ReportFormat.epochsPerPrecision(r),
                        ReportFormat.switchEpochs(r),
                        r.details().integerOverflows().isEmpty()
                                ? "-"
                                : String.valueOf(r.details().chunkOverflows())
                    });
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            appendRow(sb, rows.get(i), width);
            if (i == 0) {
                String[] rule = new String[HEADER.length];
                for (int c = 0; c < rule.length; c++) {
                    rule[c] = "-".repeat(width[c]);
                }
                appendRow(sb, rule, width);
            }
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(row[c]);
            if (c < row.length - 1) {
                line.append(" ".repeat(width[c] - row[c].length()));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
