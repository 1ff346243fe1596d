/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class JsonReportWriterTest {

    @TempDir Path tmp;

    private static double num(JsonElement e) {
        return e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    @Test
    void twoRunReportRoundTripsThroughAParser() throws IOException {
        List<RunRecord> runs = ReportFixtures.race();
        Path file = new JsonReportWriter().write(tmp.resolve("out"), runs);
        assertEquals(tmp.resolve("out/report.json").toAbsolutePath(), file);
        JsonObject root =
                JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                        .getAsJsonObject();
        assertFalse(root.has("projectedSpeedupTarget"));
        JsonArray jr = root.getAsJsonArray("runs");
        assertEquals(2, jr.size());
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            JsonObject o = jr.get(i).getAsJsonObject();
            assertEquals(r.policy(), o.get("policy").getAsString());
            assertEquals(r.testAccuracy(), o.get("testAccuracy").getAsDouble());
            assertEquals(r.wallSeconds(), o.get("wallSeconds").getAsDouble());
            assertEquals(r.projectedSpeedup(), o.get("projectedSpeedup").getAsDouble());
            JsonArray es = o.getAsJsonArray("epochs");
            assertEquals(r.epochs().size(), es.size());
            for (int k = 0; k < es.size(); k++) {
                EpochRecord e = r.epochs().get(k);
                JsonObject j = es.get(k).getAsJsonObject();
                EpochRecord back =
                        new EpochRecord(
                                j.get("epoch").getAsInt(),
                                j.get("precision").getAsString(),
                                num(j.get("trainLoss")),
                                num(j.get("testAccuracy")),
                                num(j.get("seconds")),
                                num(j.get("lossScale")),
                                num(j.get("diversity")),
                                num(j.get("threshold")));
                // Record equality compares doubles bit for bit (NaN equals NaN).
                assertEquals(e, back);
            }
            JsonArray ss = o.getAsJsonArray("switches");
            assertEquals(r.switches().size(), ss.size());
            for (int k = 0; k < ss.size(); k++) {
                JsonObject s = ss.get(k).getAsJsonObject();
                assertEquals(
                        r.switches().get(k),
                        new SwitchRecord(
                                s.get("epoch").getAsInt(),
                                s.get("from").getAsString(),
                                s.get("to").getAsString()));
            }
        }
    }

    @Test
    void nanAndInfinityAreWrittenAsNull() {
        RunRecord r =
                new RunRecord(
                        "x",
                        Double.NaN,
                        1,
                        Double.NaN,
                        List.of(EpochRecord.of(0, "fp32", Double.POSITIVE_INFINITY, 0.5, 1, 2)),
                        List.of());
        JsonObject run =
                JsonParser.parseString(new JsonReportWriter().toJson(List.of(r)))
                        .getAsJsonObject()
                        .getAsJsonArray("runs")
                        .get(0)
                        .getAsJsonObject();
        assertTrue(run.get("testAccuracy").isJsonNull());
        assertTrue(run.get("projectedSpeedup").isJsonNull());
        JsonObject e = run.getAsJsonArray("epochs").get(0).getAsJsonObject();
        assertTrue(e.get("trainLoss").isJsonNull());
        assertTrue(e.get("diversity").isJsonNull());
        assertTrue(e.get("threshold").isJsonNull());
        assertEquals(2.0, e.get("lossScale").getAsDouble());
    }

    @Test
    void namesTheSpeedupTargetWhenGiven() {
        JsonObject root =
                JsonParser.parseString(new JsonReportWriter("H100 ESTIMATE").toJson(List.of()))
                        .getAsJsonObject();
        assertEquals("H100 ESTIMATE", root.get("projectedSpeedupTarget").getAsString());
        assertEquals(0, root.getAsJsonArray("runs").size());
    }

    @Test
    void unwritableDirectoryFailsClearlyAndWritesNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "keep");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> new JsonReportWriter().write(file, ReportFixtures.race()));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertEquals("keep", Files.readString(file));
        Path under = file.resolve("sub");
        e =
                assertThrows(
                        IOException.class,
                        () -> new JsonReportWriter().write(under, ReportFixtures.race()));
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        try (Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(tmp, file), all.toList());
        }
    }
}
