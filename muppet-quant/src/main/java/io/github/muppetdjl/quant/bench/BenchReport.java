/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.bench;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link QuantizeBenchmark} run.
 *
 * @param muliMps millions of elements per second of an in-place {@code muli} on the same tensor
 *     (the memory-bound limit the quantisers are compared against)
 * @param results one entry per path, format and rounding
 */
public record BenchReport(double muliMps, List<BenchResult> results) {

    /** Validates the fields and freezes the list. */
    public BenchReport {
        if (!(muliMps > 0)) {
            throw new IllegalArgumentException("muliMps must be > 0, got " + muliMps);
        }
        if (results == null) {
            throw new IllegalArgumentException("results must not be null");
        }
        results = List.copyOf(results);
    }

    /**
     * Formats the report as a fixed-width text table, one row per result.
     *
     * @return the table, ending with a newline
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "muli (in place): %.1f M elements/s%n", muliMps));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-8s %-16s %-11s %12s %9s%n",
                        "path",
                        "format",
                        "rounding",
                        "M elem/s",
                        "x muli"));
        for (BenchResult r : results) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-8s %-16s %-11s %12.1f %9.3f%n",
                            r.path(),
                            r.format(),
                            r.rounding(),
                            r.mps(),
                            r.ratioToMuli()));
        }
        return sb.toString();
    }
}
