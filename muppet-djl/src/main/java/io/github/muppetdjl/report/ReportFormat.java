/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The text forms the console table and the HTML summary share, so that they always agree. */
final class ReportFormat {

    static final String NOT_MEASURED = "n/a";

    private ReportFormat() {}

    /** Returns an accuracy in [0, 1] as a percentage with two decimals, e.g. {@code 87.25%}. */
    static String percent(double fraction) {
        return Double.isFinite(fraction)
                ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction)
                : NOT_MEASURED;
    }

    /** Returns seconds with one decimal, e.g. {@code 123.4 s}. */
    static String seconds(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1f s", s) : NOT_MEASURED;
    }

    /** Returns milliseconds with one decimal, e.g. {@code 64.2 ms}. */
    static String millis(double ms) {
        return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.1f ms", ms) : NOT_MEASURED;
    }

    /** Returns bytes in MB (10^6) with two decimals, e.g. {@code 3.52 MB}. */
    static String megabytes(double bytes) {
        return Double.isFinite(bytes)
                ? String.format(Locale.ROOT, "%.2f MB", bytes / 1e6)
                : NOT_MEASURED;
    }

    /** Returns {@code ok}, {@code diverged} or {@code failed}. */
    static String status(RunRecord run) {
        return switch (run.details().status()) {
            case COMPLETED -> "ok";
            case DIVERGED -> "diverged";
            case FAILED -> "failed";
        };
    }

    /** Returns a speed-up with two decimals, e.g. {@code 3.21x}. */
    static String speedup(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2fx", x) : NOT_MEASURED;
    }

    /**
     * Returns {@code precision:count} pairs in order of first use, e.g. {@code bfp(8):6 fp32:4}.
     * The rounding suffix ({@code /stochastic}) is dropped to keep the column short, unless two
     * precisions of the run differ only in rounding.
     */
    static String epochsPerPrecision(RunRecord run) {
        Map<String, Integer> m = run.epochsPerPrecision();
        if (m.isEmpty()) {
            return "-";
        }
        Set<String> shortNames = new HashSet<>();
        for (String p : m.keySet()) {
            shortNames.add(withoutRounding(p));
        }
        boolean shorten = shortNames.size() == m.size();
        return m.entrySet().stream()
                .map(e -> (shorten ? withoutRounding(e.getKey()) : e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String withoutRounding(String precision) {
        int slash = precision.lastIndexOf('/');
        return slash > 0 ? precision.substring(0, slash) : precision;
    }

    /** Returns the switch epochs, comma separated, or {@code -} if none. */
    static String switchEpochs(RunRecord run) {
        if (run.switches().isEmpty()) {
            return "-";
        }
        return run.switchEpochs().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
