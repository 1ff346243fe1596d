/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

/** {@code muppet bench step}: both timings, as JSON and as a table; bad counts exit 2. */
class BenchStepCommandTest {

    @Test
    void jsonHasBothTimings() {
        CliRun run = CliRun.of("bench", "step", "--json", "--warmup", "1", "--steps", "2");
        assertEquals(0, run.status(), run.toString());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(2, json.size(), run.out());
        double fp32 = json.get("fp32MsPerStep").getAsDouble();
        double quantized = json.get("quantizedMsPerStep").getAsDouble();
        assertTrue(fp32 > 0 && Double.isFinite(fp32), run.out());
        assertTrue(quantized > 0 && Double.isFinite(quantized), run.out());
    }

    @Test
    void badStepCountIsAUsageError() {
        CliRun run = CliRun.of("bench", "step", "--steps", "0");
        assertEquals(MuppetCli.EXIT_USAGE, run.status(), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertTrue(run.err().contains("steps"), run.toString());
    }
}
