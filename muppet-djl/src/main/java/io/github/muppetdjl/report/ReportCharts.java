/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Renders the race charts with XChart into PNG bytes. Each run keeps one colour in every chart.
 * Points that are NaN (not measured) are left out of a series; a series with no point, or a chart
 * with no series, is not drawn.
 */
final class ReportCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int TIMELINE_HEIGHT = 230;

    // Colour-blind-friendly (Okabe-Ito) palette.
    private static final Color[] PALETTE = {
        new Color(0, 114, 178),
        new Color(213, 94, 0),
        new Color(0, 158, 115),
        new Color(204, 121, 167),
        new Color(230, 159, 0),
        new Color(86, 180, 233),
        new Color(0, 0, 0),
        new Color(240, 228, 66)
    };

    private ReportCharts() {}

    /**
     * Renders every chart of a race.
     *
     * @param runs the runs
     * @return the charts in page order
     * @throws IOException if encoding fails
     */
    static List<RenderedChart> render(List<RunRecord> runs) throws IOException {
        List<String> names = uniqueNames(runs);
        List<RenderedChart> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            XYChart c = RaceCharts.stepTimeline(runs.get(i), names.get(i), color(i));
            if (c != null) {
                out.add(
                        png(
                                "precision-" + (i + 1) + ".png",
                                "Precision timeline: " + names.get(i),
                                "Mean forward width (weights and activations) of the compute"
                                        + " layers, weighted by their multiply-accumulates, at"
                                        + " every training step (32 = FP32); a step in the line"
                                        + " is a precision change.",
                                c));
                continue;
            }
            c = timeline(runs.get(i), names.get(i), color(i));
            if (c != null) {
                out.add(
                        png(
                                "precision-" + (i + 1) + ".png",
                                "Precision timeline: " + names.get(i),
                                "Bits per value of the precision each epoch trained at (for a"
                                        + " policy name such as fp8-mellempudi, the width in"
                                        + " its name); a step is a precision switch.",
                                c));
            }
        }
        add(
                out,
                diversity(runs, names),
                "diversity.png",
                "Gradient diversity",
                "MuPPET's gradient diversity D at each check epoch (higher: gradients point in"
                        + " more different directions).");
        add(
                out,
                ratio(runs, names),
                "diversity-ratio.png",
                "Diversity ratio against the threshold",
                "p = maxD / D at each check (maxD since the last switch), against the recorded"
                        + " threshold T(e) (default 1 + 1.5 exp(-0.1 e)); a point above"
                        + " the dashed line is a violation, and violations reaching the patience"
                        + " switch precision.");
        add(
                out,
                perEpoch(runs, names, "Training loss", "loss", EpochRecord::trainLoss, null),
                "loss.png",
                "Training loss",
                "Mean training loss per epoch (unscaled).");
        add(
                out,
                perEpoch(
                        runs,
                        names,
                        "Test accuracy",
                        "accuracy (%)",
                        e -> 100 * e.testAccuracy(),
                        null),
                "accuracy.png",
                "Test accuracy",
                "Test accuracy after each epoch.");
        add(
                out,
                perEpoch(
                        runs,
                        names,
                        "Loss scale",
                        "loss scale (log2 axis)",
                        e -> log2(e.lossScale()),
                        ReportCharts::powerOfTwo),
                "loss-scale.png",
                "Loss scale",
                "Dynamic loss scale at the end of each epoch, on a log2 axis; runs without loss"
                        + " scaling are not shown.");
        RaceCharts.addComparisons(out, runs, names);
        return out;
    }

    static void add(
            List<RenderedChart> out, XYChart chart, String file, String title, String caption)
            throws IOException {
        if (chart != null) {
            out.add(png(file, title, caption, chart));
        }
    }

    static RenderedChart png(String file, String title, String caption, XYChart chart)
            throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return new RenderedChart(file, title, caption, bytes);
    }

    private static XYChart timeline(RunRecord run, String name, Color color) {
        List<double[]> pts = new ArrayList<>();
        for (EpochRecord e : run.epochs()) {
            double bits = PrecisionBits.of(e.precision());
            if (!Double.isNaN(bits)) {
                pts.add(new double[] {e.epoch(), bits});
            }
        }
        if (pts.isEmpty()) {
            return null;
        }
        // An epoch spans [e, e + 1): repeat the last value at e + 1 so it shows as a step too.
        double[] last = pts.get(pts.size() - 1);
        pts.add(new double[] {last[0] + 1, last[1]});
        XYChart c = chart("Precision timeline: " + name, "epoch", "bits", TIMELINE_HEIGHT);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(34.0);
        c.getStyler().setLegendVisible(false);
        XYSeries s = c.addSeries(name, column(pts, 0), column(pts, 1));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        style(s, color, false);
        s.setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static XYChart diversity(List<RunRecord> runs, List<String> names) {
        XYChart c = chart("Gradient diversity at check epochs", "epoch", "diversity D", HEIGHT);
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            DiversityTrace t = DiversityTrace.of(runs.get(i));
            any |= series(c, names.get(i), t.epochs(), t.diversity(), color(i), false);
        }
        return any ? c : null;
    }

    private static XYChart ratio(List<RunRecord> runs, List<String> names) {
        XYChart c = chart("Diversity ratio p = maxD / D against T(e)", "epoch", "ratio", HEIGHT);
        boolean any = false;
        DiversityTrace threshold = null;
        for (int i = 0; i < runs.size(); i++) {
            DiversityTrace t = DiversityTrace.of(runs.get(i));
            any |= series(c, names.get(i) + " p", t.epochs(), t.ratio(), color(i), false);
            if (threshold == null || t.size() > threshold.size()) {
                threshold = t.size() > 0 ? t : threshold;
            }
        }
        if (!any && threshold == null) {
            return null;
        }
        series(c, "threshold T(e)", threshold.epochs(), threshold.threshold(), Color.BLACK, true);
        return c;
    }

    private static XYChart perEpoch(
            List<RunRecord> runs,
            List<String> names,
            String title,
            String yTitle,
            ToDoubleFunction<EpochRecord> value,
            Function<Double, String> yLabels) {
        XYChart c = chart(title, "epoch", yTitle, HEIGHT);
        if (yLabels != null) {
            c.getStyler().setyAxisTickLabelsFormattingFunction(yLabels);
        }
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            List<EpochRecord> es = runs.get(i).epochs();
            double[] x = new double[es.size()];
            double[] y = new double[es.size()];
            for (int k = 0; k < es.size(); k++) {
                x[k] = es.get(k).epoch();
                y[k] = value.applyAsDouble(es.get(k));
            }
            any |= series(c, names.get(i), x, y, color(i), false);
        }
        return any ? c : null;
    }

    /** Adds the finite points; returns whether any was added. */
    private static boolean series(
            XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(y[k])) {
                pts.add(new double[] {x[k], y[k]});
            }
        }
        if (pts.isEmpty()) {
            return false;
        }
        XYSeries s = c.addSeries(name, column(pts, 0), column(pts, 1));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        style(s, color, dashed);
        return true;
    }

    static void style(XYSeries s, Color color, boolean dashed) {
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
    }

    static XYChart chart(String title, String xTitle, String yTitle, int height) {
        XYChart c =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(height)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        XYStyler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(220, 220, 220));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setMarkerSize(6);
        st.setXAxisDecimalPattern("#");
        return c;
    }

    // The loss scale is plotted as log2 on a linear axis: XChart's log axis labels only decades,
    // which leaves a power-of-two scale between 2^13 and 2^16 with a single label.
    private static double log2(double v) {
        return v > 0 ? Math.log(v) / Math.log(2) : Double.NaN;
    }

    private static String powerOfTwo(double exponent) {
        double r = Math.rint(exponent);
        return Math.abs(exponent - r) < 1e-9
                ? "2^" + (long) r
                : String.format(java.util.Locale.ROOT, "2^%.1f", exponent);
    }

    static double[] column(List<double[]> pts, int k) {
        double[] out = new double[pts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pts.get(i)[k];
        }
        return out;
    }

    static Color color(int run) {
        return PALETTE[run % PALETTE.length];
    }

    /** Series names must be unique within a chart: repeated policies get {@code (2)}, ... */
    static List<String> uniqueNames(List<RunRecord> runs) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (RunRecord r : runs) {
            String name = r.policy();
            for (int k = 2; !seen.add(name); k++) {
                name = r.policy() + " (" + k + ")";
            }
            out.add(name);
        }
        return out;
    }
}
