/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

class RaceTableFormatterTest {

    @Test
    void tableIsAlignedAndHoldsTheFigures() {
        String table = RaceTableFormatter.format(ReportFixtures.raceWithDetails());
        // Widest cells per column: "recipe" (6), "diverged" (8), "test acc" (8), "ms/step" (7),
        // "train time" (10), "proj. speed-up" (14), "memory (est.)" (13), "epochs per
        // precision" (20), "switch epochs" (13); two spaces between columns; the last column is not
        // padded.
        String[] lines = table.split("\n");
        assertEquals(5, lines.length);
        assertEquals(
                "recipe  status    test acc  ms/step  train time  proj. speed-up  memory (est.) "
                        + " epochs per precision  switch epochs  INT32 overflows",
                lines[0]);
        assertEquals(
                "fp32    ok        86.50%    64.0 ms  140.5 s     1.00x           12.00 MB      "
                        + " fp32:12               -              -",
                lines[2]);
        assertEquals(
                "muppet  ok        85.60%    80.5 ms  150.3 s     7.50x           4.50 MB       "
                        + " bfp(8):9 bfp(12):3    9              -",
                lines[3]);
        assertEquals(
                "fp8     diverged  n/a       70.3 ms  3.5 s       n/a             6.00 MB       "
                        + " fp8:1                 -              -",
                lines[4]);
    }

    @Test
    void unmeasuredValuesShowAsNa() {
        RunRecord r = new RunRecord("p", Double.NaN, 0, Double.NaN, List.of(), List.of());
        String row = RaceTableFormatter.format(List.of(r)).split("\n")[2];
        assertEquals(
                "p       ok      n/a       n/a      0.0 s       n/a             n/a           "
                        + " -                     -              -",
                row);
    }
}
