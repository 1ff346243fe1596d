/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.muppetdjl.quant.bench.QuantizeBenchmark;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code muppet bench quantize} on a tiny tensor: the shape of its output, not its speed. */
class BenchQuantizeCommandTest {

    @Test
    void jsonIsOneObjectWithEveryPathAndPrecision() {
        CliRun run = CliRun.of("bench", "quantize", "--size", "4096", "--json");
        assertEquals(0, run.status(), run::toString);
        String[] lines = run.lines();
        assertEquals(1, lines.length, "stdout must hold only the JSON object: " + run.out());
        JsonObject root = JsonParser.parseString(lines[0]).getAsJsonObject();
        assertEquals(Set.of("muliMps", "results"), root.keySet());
        double muli = root.get("muliMps").getAsDouble();
        assertTrue(muli > 0, "muliMps " + muli);

        JsonArray results = root.getAsJsonArray("results");
        Set<String> seen = new HashSet<>();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            assertEquals(Set.of("path", "format", "rounding", "mps", "ratioToMuli"), r.keySet());
            String path = r.get("path").getAsString();
            assertTrue(path.equals("fast") || path.equals("ndarray"), path);
            Precision p =
                    new Precision(
                            NumberFormat.parse(r.get("format").getAsString()),
                            Rounding.parse(r.get("rounding").getAsString()));
            assertEquals(r.get("format").getAsString(), p.format().toString());
            double mps = r.get("mps").getAsDouble();
            double ratio = r.get("ratioToMuli").getAsDouble();
            assertTrue(mps > 0, "mps " + mps);
            // The ratio is the median of per-run ratios (each run times muli beside the
            // quantiser), so it need not equal mps / muliMps; at this tiny size the two can differ
            // by orders of magnitude, and a timing bound here would be flaky.
            assertTrue(Double.isFinite(ratio) && ratio > 0, "ratio " + ratio);
            assertTrue(seen.add(path + " " + p), "duplicate " + path + " " + p);
        }
        List<Precision> expected = QuantizeBenchmark.DEFAULT_PRECISIONS;
        assertEquals(2 * expected.size(), seen.size());
        for (Precision p : expected) {
            assertTrue(seen.contains("fast " + p) && seen.contains("ndarray " + p), p::toString);
        }
        assertTrue(run.err().contains("muli"), "progress goes to stderr: " + run.err());
    }

    @Test
    void tablePrintsOneRowPerResult() {
        CliRun run = CliRun.of("bench", "quantize", "--size", "1000");
        assertEquals(0, run.status(), run::toString);
        String[] lines = run.lines();
        int rows = 2 * QuantizeBenchmark.DEFAULT_PRECISIONS.size();
        assertEquals(2 + rows, lines.length, run.out());
        assertTrue(lines[0].startsWith("muli"), lines[0]);
        assertTrue(lines[1].matches("path\\s+format\\s+rounding\\s+M elem/s\\s+x muli"), lines[1]);
        for (int i = 2; i < lines.length; i++) {
            String[] cells = lines[i].trim().split("\\s+");
            assertEquals(5, cells.length, lines[i]);
            assertTrue(cells[0].equals("fast") || cells[0].equals("ndarray"), lines[i]);
            NumberFormat.parse(cells[1]);
            Rounding.parse(cells[2]);
            // Printed to 0.1 M/s and 0.001: a slow, loaded run may show 0.0, never less.
            assertTrue(Double.parseDouble(cells[3]) >= 0, lines[i]);
            assertTrue(Double.parseDouble(cells[4]) >= 0, lines[i]);
        }
    }

    @Test
    void badSizeIsBadInput() {
        BadInputTest.assertOneLineError(CliRun.of("bench", "quantize", "--size", "0"));
        BadInputTest.assertOneLineError(CliRun.of("bench", "quantize", "--size", "lots"));
        BadInputTest.assertOneLineError(CliRun.of("bench", "quantize", "--jsn"));
    }
}
