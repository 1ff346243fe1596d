/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.List;
import java.util.Locale;

/** Writes the per-site statistics of each run as HTML tables, one collapsible section per run. */
final class SiteStatsTable {

    private SiteStatsTable() {}

    static void append(StringBuilder h, List<RunRecord> runs) {
        boolean any = runs.stream().anyMatch(r -> !r.details().siteStats().isEmpty());
        if (!any) {
            return;
        }
        h.append("<h2>Per-site statistics</h2>\n<p class=\"note\">For each recipe, every site and")
                .append(" tensor role that quantised values: how many it quantised over the run,")
                .append(" and how many of them saturated (clamped to the format's largest")
                .append(" magnitude), underflowed (a non-zero value became zero) or were NaN or")
                .append(" infinite.</p>\n");
        for (RunRecord r : runs) {
            List<SiteStat> stats = r.details().siteStats();
            if (stats.isEmpty()) {
                continue;
            }
            h.append("<details><summary>")
                    .append(HtmlReportWriter.escape(r.policy()))
                    .append(" (")
                    .append(stats.size())
                    .append(" site roles)</summary>\n<table>\n<tr><th>site</th><th>role</th>")
                    .append("<th>values</th><th>saturated</th><th>underflowed</th>")
                    .append("<th>non-finite</th></tr>\n");
            for (SiteStat s : stats) {
                h.append("<tr><td>")
                        .append(HtmlReportWriter.escape(s.site()))
                        .append("</td><td>")
                        .append(HtmlReportWriter.escape(s.role()))
                        .append("</td><td class=\"num\">")
                        .append(s.total())
                        .append("</td><td class=\"num\">")
                        .append(share(s.saturated(), s.total()))
                        .append("</td><td class=\"num\">")
                        .append(share(s.underflowed(), s.total()))
                        .append("</td><td class=\"num\">")
                        .append(share(s.nonFinite(), s.total()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n</details>\n");
        }
    }

    /** {@code count (percent)}, e.g. {@code 12 (0.004%)}. */
    private static String share(long count, long total) {
        if (count == 0 || total == 0) {
            return String.valueOf(count);
        }
        return String.format(Locale.ROOT, "%d (%.3g%%)", count, 100.0 * count / total);
    }
}
