/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.QuantStats;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The overflow reader ({@code drainNew}) sees every count exactly once, also when a statistics
 * snapshot resets the accumulators between two of its calls.
 */
class RoleStatisticsDrainTest {

    @Test
    void everyCountIsDrainedOnceAcrossResets() {
        RoleStatistics s = new RoleStatistics();
        s.get("w", TensorRole.WEIGHT).add(10, 1, 0, 0);
        assertEquals(
                Map.of("w", Map.of(TensorRole.WEIGHT, new QuantStats(10, 1, 0, 0))), s.drainNew());
        assertEquals(Map.of(), s.drainNew(), "nothing new");
        s.get("w", TensorRole.WEIGHT).add(5, 0, 0, 3);
        // A reader that resets takes everything since its own last reset: 15 elements.
        assertEquals(new QuantStats(15, 1, 0, 3), s.snapshot(true).get("w").get(TensorRole.WEIGHT));
        s.get("w", TensorRole.WEIGHT).add(2, 2, 0, 0);
        // Not yet drained: the 5 before the reset and the 2 after it.
        assertEquals(
                Map.of("w", Map.of(TensorRole.WEIGHT, new QuantStats(7, 2, 0, 3))), s.drainNew());
        assertEquals(Map.of(), s.drainNew());
    }
}
