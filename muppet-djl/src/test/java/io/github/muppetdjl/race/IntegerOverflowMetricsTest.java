/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.metric.Metrics;

import io.github.muppetdjl.report.IntegerOverflowStat;

import org.junit.jupiter.api.Test;

import java.util.List;

class IntegerOverflowMetricsTest {

    @Test
    void int32MetricsAreSummedOverEpochsPerLayerAndProduct() {
        Metrics m = new Metrics();
        String p = "muppet.site.01Block.02QuantizedConv2d.int32.";
        for (int epoch = 0; epoch < 2; epoch++) {
            m.addMetric(p + "forward.chunks", 10 + epoch);
            m.addMetric(p + "forward.chunkOverflows", 1);
            m.addMetric(p + "forward.sums", 5);
            m.addMetric(p + "forward.sumOverflows", epoch);
        }
        m.addMetric(p + "backward_data.chunks", 7);
        // Role statistics of the same site are not integer counts.
        m.addMetric("muppet.site.01Block.02QuantizedConv2d.activation.total", 99);
        List<IntegerOverflowStat> stats = ContenderRun.integerOverflows(m);
        assertEquals(
                List.of(
                        new IntegerOverflowStat(
                                "01Block.02QuantizedConv2d", "backward_data", 7, 0, 0, 0),
                        new IntegerOverflowStat(
                                "01Block.02QuantizedConv2d", "forward", 21, 2, 10, 1)),
                stats);
    }
}
