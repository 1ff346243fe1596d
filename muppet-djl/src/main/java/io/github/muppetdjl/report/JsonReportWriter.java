/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code DIR/report.json}:
 *
 * <pre>{@code
 * {"projectedSpeedupTarget": "...",            // only when a target was given
 *  "runs": [{"policy", "testAccuracy" (0-1), "wallSeconds", "projectedSpeedup",
 *            "epochs": [{"epoch", "precision", "trainLoss", "testAccuracy", "seconds",
 *                        "lossScale", "diversity", "threshold"}],
 *            "switches": [{"epoch", "from", "to"}],
 *            "status" (COMPLETED|DIVERGED|FAILED), "message", "medianStepMs", "timedSteps",
 *            "warmupSteps", "projectedCost", "baseline", "memoryBytes": {"weights", ...},
 *            "precisionTrace": [{"fromStep", "bits"}],
 *            "siteStats": [{"site", "role", "total", "saturated", "underflowed", "nonFinite"}],
 *            "integerOverflows": [{"layer", "product", "chunks", "chunkOverflows", "sums",
 *                                  "sumOverflows"}]}]}
 * }</pre>
 *
 * <p>NaN and infinite numbers (not measured, no loss scaling, no check) are written as {@code
 * null}, as JSON has no such values.
 */
public final class JsonReportWriter {

    /** The file name inside the report directory. */
    public static final String FILE_NAME = "report.json";

    private final String speedupTarget;

    /** Creates a writer that names no projection target. */
    public JsonReportWriter() {
        this(null);
    }

    /**
     * Creates a writer that records which target {@code projectedSpeedup} refers to.
     *
     * @param speedupTarget e.g. the {@link io.github.muppetdjl.quant.cost.ThroughputTable} name;
     *     null to leave it out
     */
    public JsonReportWriter(String speedupTarget) {
        this.speedupTarget = speedupTarget;
    }

    /**
     * Writes {@code dir/report.json}, creating the directory if needed.
     *
     * @param dir the report directory
     * @param runs the runs, in race order
     * @return the file written
     * @throws IOException if the directory cannot be created or written; nothing is left behind
     */
    public Path write(Path dir, List<RunRecord> runs) throws IOException {
        byte[] json = toJson(runs).getBytes(StandardCharsets.UTF_8);
        ReportDirectory.writeAll(dir, Map.of(FILE_NAME, json));
        return dir.toAbsolutePath().resolve(FILE_NAME);
    }

    /**
     * Returns the report as indented JSON text.
     *
     * @param runs the runs
     * @return the JSON document
     */
    public String toJson(List<RunRecord> runs) {
        if (runs == null) {
            throw new IllegalArgumentException("runs must not be null");
        }
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.beginObject();
            if (speedupTarget != null) {
                w.name("projectedSpeedupTarget").value(speedupTarget);
            }
            w.name("runs").beginArray();
            for (RunRecord r : runs) {
                writeRun(w, r);
            }
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return out.toString() + "\n";
    }

    private static void writeRun(JsonWriter w, RunRecord r) throws IOException {
        w.beginObject();
        w.name("policy").value(r.policy());
        number(w.name("testAccuracy"), r.testAccuracy());
        number(w.name("wallSeconds"), r.wallSeconds());
        number(w.name("projectedSpeedup"), r.projectedSpeedup());
        w.name("epochs").beginArray();
        for (EpochRecord e : r.epochs()) {
            w.beginObject();
            w.name("epoch").value(e.epoch());
            w.name("precision").value(e.precision());
            number(w.name("trainLoss"), e.trainLoss());
            number(w.name("testAccuracy"), e.testAccuracy());
            number(w.name("seconds"), e.seconds());
            number(w.name("lossScale"), e.lossScale());
            number(w.name("diversity"), e.diversity());
            number(w.name("threshold"), e.threshold());
            w.endObject();
        }
        w.endArray();
        w.name("switches").beginArray();
        for (SwitchRecord s : r.switches()) {
            w.beginObject();
            w.name("epoch").value(s.epoch());
            w.name("from").value(s.from());
            w.name("to").value(s.to());
            w.endObject();
        }
        w.endArray();
        writeDetails(w, r.details());
        w.endObject();
    }

    private static void writeDetails(JsonWriter w, RunDetails d) throws IOException {
        w.name("status").value(d.status().name());
        w.name("message").value(d.message());
        number(w.name("medianStepMs"), d.medianStepMs());
        w.name("timedSteps").value(d.timedSteps());
        w.name("warmupSteps").value(d.warmupSteps());
        number(w.name("projectedCost"), d.projectedCost());
        w.name("baseline").value(d.baseline());
        w.name("memoryBytes").beginObject();
        for (var e : d.memoryBytes().entrySet()) {
            number(w.name(e.getKey()), e.getValue());
        }
        w.endObject();
        w.name("precisionTrace").beginArray();
        for (PrecisionSegment p : d.precisionTrace()) {
            w.beginObject().name("fromStep").value(p.fromStep());
            number(w.name("bits"), p.bits());
            w.endObject();
        }
        w.endArray();
        w.name("siteStats").beginArray();
        for (SiteStat s : d.siteStats()) {
            w.beginObject()
                    .name("site")
                    .value(s.site())
                    .name("role")
                    .value(s.role())
                    .name("total")
                    .value(s.total())
                    .name("saturated")
                    .value(s.saturated())
                    .name("underflowed")
                    .value(s.underflowed())
                    .name("nonFinite")
                    .value(s.nonFinite())
                    .endObject();
        }
        w.endArray();
        w.name("integerOverflows").beginArray();
        for (IntegerOverflowStat s : d.integerOverflows()) {
            w.beginObject()
                    .name("layer")
                    .value(s.layer())
                    .name("product")
                    .value(s.product())
                    .name("chunks")
                    .value(s.chunks())
                    .name("chunkOverflows")
                    .value(s.chunkOverflows())
                    .name("sums")
                    .value(s.sums())
                    .name("sumOverflows")
                    .value(s.sumOverflows())
                    .endObject();
        }
        w.endArray();
    }

    private static void number(JsonWriter w, double v) throws IOException {
        if (Double.isFinite(v)) {
            w.value(v);
        } else {
            w.nullValue();
        }
    }
}
