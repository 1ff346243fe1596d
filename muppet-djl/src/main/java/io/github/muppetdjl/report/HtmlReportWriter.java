/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code DIR/report.html} with its PNG charts beside it: a summary table (policy, final test
 * accuracy, wall time, projected speed-up, epochs per precision, switch epochs), then a precision
 * timeline per run, MuPPET's gradient diversity and its ratio against the threshold, training loss,
 * test accuracy and the loss scale (log axis). Charts are drawn with XChart, headless.
 *
 * <p>Everything is rendered in memory first; the files are then written under temporary names and
 * renamed into place, so an unwritable directory fails with an {@link IOException} before any
 * report file exists.
 */
public final class HtmlReportWriter {

    /** The page's file name inside the report directory. */
    public static final String FILE_NAME = "report.html";

    private final String speedupTarget;

    /** Creates a writer that names no projection target. */
    public HtmlReportWriter() {
        this(null);
    }

    /**
     * Creates a writer that names the target of the projected speed-ups.
     *
     * @param speedupTarget e.g. the {@link io.github.muppetdjl.quant.cost.ThroughputTable} name;
     *     null to leave it out
     */
    public HtmlReportWriter(String speedupTarget) {
        this.speedupTarget = speedupTarget;
    }

    /**
     * Writes the page and its charts, creating the directory if needed.
     *
     * @param dir the report directory
     * @param runs the runs, in race order
     * @return the page written
     * @throws IOException if the directory cannot be created or written, or a chart cannot be
     *     encoded
     */
    public Path write(Path dir, List<RunRecord> runs) throws IOException {
        if (runs == null) {
            throw new IllegalArgumentException("runs must not be null");
        }
        Path abs = ReportDirectory.prepare(dir);
        headless();
        List<RenderedChart> charts = ReportCharts.render(runs);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (RenderedChart c : charts) {
            files.put(c.fileName(), c.png());
        }
        files.put(FILE_NAME, page(runs, charts).getBytes(StandardCharsets.UTF_8));
        ReportDirectory.writeAll(abs, files);
        return abs.resolve(FILE_NAME);
    }

    // Charts need no display; without this a machine with a DISPLAY but no X server would fail.
    // Only set when the application has not chosen.
    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private String page(List<RunRecord> runs, List<RenderedChart> charts) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>muppet race report</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;")
                .append("color:#222}\n")
                .append("table{border-collapse:collapse}th,td{border:1px solid #ccc;")
                .append("padding:4px 10px;text-align:left}th{background:#f2f2f2}\n")
                .append("td.num{text-align:right}img{max-width:100%}")
                .append(".note{color:#555;font-size:90%}\n</style>\n</head>\n<body>\n")
                .append("<h1>muppet race report</h1>\n<h2>Summary</h2>\n<table>\n<tr>")
                .append("<th>recipe</th><th>status</th><th>final test accuracy</th>")
                .append("<th>median ms/step</th><th>train time</th>")
                .append("<th>projected speed-up (estimate)</th>")
                .append("<th>training-tensor memory (estimate)</th><th>epochs per precision</th>")
                .append("<th>switch epochs</th></tr>\n");
        for (RunRecord r : runs) {
            h.append("<tr><td>")
                    .append(escape(r.policy()))
                    .append("</td><td title=\"")
                    .append(escape(r.details().message()))
                    .append("\">")
                    .append(ReportFormat.status(r))
                    .append("</td><td class=\"num\">")
                    .append(ReportFormat.percent(r.testAccuracy()))
                    .append("</td><td class=\"num\">")
                    .append(ReportFormat.millis(r.details().medianStepMs()))
                    .append("</td><td class=\"num\">")
                    .append(ReportFormat.seconds(r.wallSeconds()))
                    .append("</td><td class=\"num\">")
                    .append(ReportFormat.speedup(r.projectedSpeedup()))
                    .append("</td><td class=\"num\">")
                    .append(ReportFormat.megabytes(r.details().totalMemoryBytes()))
                    .append("</td><td>")
                    .append(escape(ReportFormat.epochsPerPrecision(r)))
                    .append("</td><td>")
                    .append(escape(ReportFormat.switchEpochs(r)))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Step and train times are measured on this")
                .append(" machine: every recipe first trained the same number of untimed warm-up")
                .append(" steps on a throwaway model, then its clock ran; ms/step is the median")
                .append(" over its timed steps, train time the sum of its epochs without the")
                .append(" test evaluation. Memory is an estimate from the model's shapes and each")
                .append(" site's precision. The projected")
                .append(" speed-up over an all-FP32 run is an estimate from a cost model")
                .append(" (multiply-accumulate bit-operations and bytes moved per precision) and")
                .append(" a throughput table");
        if (speedupTarget != null) {
            h.append(" for <b>").append(escape(speedupTarget)).append("</b>");
        }
        h.append("; it is not measured.</p>\n");
        boolean diversityShown = false;
        for (RenderedChart c : charts) {
            diversityShown |= c.fileName().startsWith("diversity");
            h.append("<h2>")
                    .append(escape(c.title()))
                    .append("</h2>\n<p class=\"note\">")
                    .append(escape(c.caption()))
                    .append("</p>\n<img src=\"")
                    .append(c.fileName())
                    .append("\" alt=\"")
                    .append(escape(c.title()))
                    .append("\">\n");
        }
        if (!diversityShown) {
            h.append("<p class=\"note\">No run ran a MuPPET gradient-diversity check.</p>\n");
        }
        SiteStatsTable.append(h, runs);
        IntegerOverflowTable.append(h, runs);
        // Tells a reader (and the browser test) whether every chart loaded.
        h.append("<script>addEventListener('load',function(){var im=document.images,ok=0;")
                .append("for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0)")
                .append("{ok++;}}document.body.setAttribute('data-charts-loaded',ok+'/'+")
                .append("im.length);});</script>\n");
        return h.append("</body>\n</html>\n").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
