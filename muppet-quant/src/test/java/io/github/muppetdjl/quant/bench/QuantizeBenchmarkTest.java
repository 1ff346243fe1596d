/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's report shape and its builder's validation (timings are not asserted). */
class QuantizeBenchmarkTest {

    @Test
    void reportsEveryPathFormatAndRounding() {
        List<String> progress = new ArrayList<>();
        BenchReport report;
        try (NDManager manager = NDManager.newBaseManager()) {
            int before = manager.getManagedArrays().size();
            report =
                    QuantizeBenchmark.builder()
                            .optSize(4099)
                            .optWarmup(0)
                            .optIterations(1)
                            .optProgress(progress::add)
                            .build()
                            .run(manager);
            assertEquals(before, manager.getManagedArrays().size());
        }
        assertEquals(18, report.results().size());
        assertEquals(18, progress.size());
        assertTrue(report.muliMps() > 0);
        for (BenchResult r : report.results()) {
            assertTrue(r.path().equals("fast") || r.path().equals("ndarray"), r.path());
            assertTrue(r.mps() > 0 && Double.isFinite(r.mps()), r.toString());
            assertTrue(r.ratioToMuli() > 0 && Double.isFinite(r.ratioToMuli()), r.toString());
        }
        BenchResult first = report.results().get(0);
        assertEquals("fast", first.path());
        assertEquals("bfp(8)", first.format());
        assertEquals("nearest", first.rounding());
        assertEquals("ndarray", report.results().get(17).path());
        assertEquals("fp8-e5m2", report.results().get(17).format());
        assertEquals("zero", report.results().get(17).rounding());
        String table = report.toTable();
        assertEquals(20, table.lines().count(), table);
        assertTrue(table.contains("stochastic"), table);
    }

    @Test
    void fastOnlyRunSkipsTheNDArrayPath() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BenchReport report =
                    QuantizeBenchmark.builder()
                            .optSize(100)
                            .optWarmup(1)
                            .optIterations(2)
                            .optThreads(2)
                            .optIncludeNdarray(false)
                            .optPrecisions(List.of(Precision.parse("bfp(8,tile:32)/stochastic")))
                            .build()
                            .run(manager);
            assertEquals(1, report.results().size());
            assertEquals("bfp(8,tile:32)", report.results().get(0).format());
        }
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizeBenchmark.builder().optSize(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizeBenchmark.builder().optIterations(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizeBenchmark.builder().optNdarrayIterations(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizeBenchmark.builder().optWarmup(-1).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizeBenchmark.builder().optThreads(-1).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizeBenchmark.builder().optPrecisions(List.of()).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> new BenchResult("fast", "bfp(8)", "nearest", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new BenchReport(0, List.of()));
    }
}
