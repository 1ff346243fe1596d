/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The race charts drawn from {@link RunDetails}: the precision timeline in training steps, and
 * final accuracy against projected cost and against training-tensor memory (both estimates).
 */
final class RaceCharts {

    private static final int HEIGHT = 420;
    private static final int TIMELINE_HEIGHT = 230;

    private RaceCharts() {}

    /** The per-step timeline of one run, or null when the run recorded no trace. */
    static XYChart stepTimeline(RunRecord run, String name, Color color) {
        List<PrecisionSegment> trace = run.details().precisionTrace();
        if (trace.isEmpty()) {
            return null;
        }
        long end = Math.max(run.details().timedSteps(), trace.get(trace.size() - 1).fromStep() + 1);
        List<double[]> pts = new ArrayList<>();
        for (PrecisionSegment p : trace) {
            pts.add(new double[] {p.fromStep(), p.bits()});
        }
        pts.add(new double[] {end, trace.get(trace.size() - 1).bits()});
        XYChart c =
                ReportCharts.chart(
                        "Precision timeline: " + name, "training step", "bits", TIMELINE_HEIGHT);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(34.0);
        c.getStyler().setLegendVisible(false);
        XYSeries s = c.addSeries(name, ReportCharts.column(pts, 0), ReportCharts.column(pts, 1));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        ReportCharts.style(s, color, false);
        s.setMarker(SeriesMarkers.NONE);
        return c;
    }

    /** Adds the accuracy-against-cost and accuracy-against-memory charts where they have points. */
    static void addComparisons(List<RenderedChart> out, List<RunRecord> runs, List<String> names)
            throws IOException {
        String baseline =
                runs.stream()
                        .map(r -> r.details().baseline())
                        .filter(b -> !b.isEmpty())
                        .findFirst()
                        .orElse("the baseline");
        ReportCharts.add(
                out,
                scatter(
                        runs,
                        names,
                        "Accuracy against projected cost (estimate)",
                        "projected time relative to " + baseline,
                        r -> r.details().projectedCost()),
                "accuracy-cost.png",
                "Accuracy against projected cost",
                "Final test accuracy against the cost model's projected training time relative"
                        + " to "
                        + baseline
                        + " (an estimate, not a measurement): left and up is better. Recipes with"
                        + " the same figures share a point; report.json has every value.");
        ReportCharts.add(
                out,
                scatter(
                        runs,
                        names,
                        "Accuracy against training-tensor memory (estimate)",
                        "training-tensor storage (MB, mean over steps)",
                        r -> r.details().totalMemoryBytes() / 1e6),
                "accuracy-memory.png",
                "Accuracy against training-tensor memory",
                "Final test accuracy against the estimated storage of weights, master copies,"
                        + " weight gradients, optimizer state and the activations kept for the"
                        + " backward pass of one batch, from the model's shapes and each site's"
                        + " precision, averaged over the run's steps (an estimate).");
    }

    private static XYChart scatter(
            List<RunRecord> runs,
            List<String> names,
            String title,
            String xTitle,
            ToDoubleFunction<RunRecord> x) {
        XYChart c = ReportCharts.chart(title, xTitle, "final test accuracy (%)", HEIGHT);
        c.getStyler().setXAxisDecimalPattern("0.###");
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            double xv = x.applyAsDouble(r);
            double yv = 100 * r.testAccuracy();
            if (!Double.isFinite(xv) || !Double.isFinite(yv)) {
                continue;
            }
            XYSeries s = c.addSeries(names.get(i), new double[] {xv}, new double[] {yv});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ReportCharts.style(s, ReportCharts.color(i), false);
            any = true;
        }
        return any ? c : null;
    }
}
