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
        String table = RaceTableFormatter.format(ReportFixtures.race());
        // Widest cells: "muppet" (6), "test acc" (8), "wall time" (9), "proj. speed-up" (14),
        // "epochs per precision" (20), so "bfp(8):9 bfp(12):3" (18) gets 2 spaces of padding; two
        // spaces between columns.
        String epochs = "bfp(8):9 bfp(12):3";
        assertEquals(18, epochs.length());
        String expected =
                String.join(
                        "\n",
                        "policy  test acc  wall time  proj. speed-up  epochs per precision  switch epochs",
                        "------  --------  ---------  --------------  "
                                + "-".repeat(20)
                                + "  -------------",
                        "fp32    86.50%    140.5 s    1.00x           fp32:12"
                                + " ".repeat(13)
                                + "  -",
                        "muppet  85.60%    150.3 s    7.50x           " + epochs + "    9",
                        "");
        assertEquals(expected, table);
    }

    @Test
    void unmeasuredValuesShowAsNa() {
        RunRecord r = new RunRecord("p", Double.NaN, 0, Double.NaN, List.of(), List.of());
        String row = RaceTableFormatter.format(List.of(r)).split("\n")[2];
        assertEquals("p       n/a       0.0 s      n/a             -                     -", row);
    }
}
