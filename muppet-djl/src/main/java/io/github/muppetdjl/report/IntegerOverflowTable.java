/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.util.List;

/**
 * Writes the INT32 accumulation counts of each run with integer layers (docs/algorithms.md §6.4) as
 * HTML tables, one collapsible section per run.
 */
final class IntegerOverflowTable {

    private IntegerOverflowTable() {}

    static void append(StringBuilder h, List<RunRecord> runs) {
        boolean any = runs.stream().anyMatch(r -> !r.details().integerOverflows().isEmpty());
        if (!any) {
            return;
        }
        h.append("<h2>INT32 accumulation</h2>\n<p class=\"note\">For each recipe with integer")
                .append(" layers, every layer and product: the INT32 chunk sums formed and how")
                .append(" many left the INT32 range (kept exact and counted), and the output sums")
                .append(" and how many would have overflowed one unchunked INT32")
                .append(" accumulator.</p>\n");
        for (RunRecord r : runs) {
            List<IntegerOverflowStat> stats = r.details().integerOverflows();
            if (stats.isEmpty()) {
                continue;
            }
            h.append("<details open><summary>")
                    .append(HtmlReportWriter.escape(r.policy()))
                    .append(" (")
                    .append(stats.size())
                    .append(" layer products)</summary>\n<table>\n<tr><th>layer</th>")
                    .append("<th>product</th><th>chunks</th><th>chunk overflows</th>")
                    .append("<th>sums</th><th>sum overflows</th></tr>\n");
            for (IntegerOverflowStat s : stats) {
                h.append("<tr><td>")
                        .append(HtmlReportWriter.escape(s.layer()))
                        .append("</td><td>")
                        .append(HtmlReportWriter.escape(s.product()))
                        .append("</td><td class=\"num\">")
                        .append(s.chunks())
                        .append("</td><td class=\"num\">")
                        .append(s.chunkOverflows())
                        .append("</td><td class=\"num\">")
                        .append(s.sums())
                        .append("</td><td class=\"num\">")
                        .append(s.sumOverflows())
                        .append("</td></tr>\n");
            }
            h.append("</table>\n</details>\n");
        }
    }
}
