/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.muppetdjl.control.GradientView;
import io.github.muppetdjl.control.GradientView.EpochPosition;
import io.github.muppetdjl.quant.schedule.GradientDiversity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Which batch's gradients {@link LastBatchGradients} hands to the diversity sums. */
class LastBatchGradientsTest {

    private static GradientView view(EpochPosition position, float... unscaled) {
        return new GradientView() {
            @Override
            public long step() {
                return 0;
            }

            @Override
            public int epoch() {
                return 0;
            }

            @Override
            public float lossScale() {
                return 1f;
            }

            @Override
            public boolean skipped() {
                return false;
            }

            @Override
            public EpochPosition position() {
                return position;
            }

            @Override
            public Map<String, float[]> unscaledGradients() {
                return Map.of("01Block_w", unscaled.clone());
            }
        };
    }

    @Test
    void onlyTheBatchReachingTheTotalCounts() {
        LastBatchGradients last = new LastBatchGradients();
        GradientDiversity sums = new GradientDiversity();
        last.onBatch(view(EpochPosition.NOT_LAST, 9, 9), sums);
        last.onBatch(view(EpochPosition.NOT_LAST, 7, 7), sums);
        assertEquals(0, sums.tensorCount(), "no batch before the last counts");
        last.onBatch(view(EpochPosition.LAST, 0.5f, 0), sums);
        last.onEpochEnd(sums);
        assertEquals(1, sums.samples("01Block_w"));
        // Second epoch: [2, 3]. S1 = 0.25 + 13, S2 = [2.5, 3], D = 13.25 / 15.25.
        last.onBatch(view(EpochPosition.LAST, 2, 3), sums);
        last.onEpochEnd(sums);
        assertEquals(13.25 / 15.25, sums.diversity(), 1e-12);
    }

    @Test
    void maybeLastFallsBackToTheMostRecentBatch() {
        LastBatchGradients last = new LastBatchGradients();
        GradientDiversity sums = new GradientDiversity();
        last.onBatch(view(EpochPosition.MAYBE_LAST, 1, 1), sums);
        last.onBatch(view(EpochPosition.MAYBE_LAST, 3, 4), sums);
        assertEquals(0, sums.tensorCount(), "nothing before the epoch ends");
        last.onEpochEnd(sums);
        assertEquals(1, sums.samples("01Block_w"));
        // Only [3, 4] was added: S1 = 25, ||S2||^2 = 25.
        assertEquals(1.0, sums.diversity("01Block_w"), 0.0);
        // A later NOT_LAST batch drops the retained copy; the epoch's last MAYBE_LAST counts.
        last.onBatch(view(EpochPosition.MAYBE_LAST, 5, 5), sums);
        last.onBatch(view(EpochPosition.NOT_LAST, 8, 8), sums);
        last.onBatch(view(EpochPosition.MAYBE_LAST, -3, -4), sums);
        last.onEpochEnd(sums);
        assertEquals(2, sums.samples("01Block_w"));
        // {[3, 4], [-3, -4]} cancel: D is infinite.
        assertEquals(Double.POSITIVE_INFINITY, sums.diversity("01Block_w"));
        assertEquals(List.of("01Block_w"), sums.snapshot().stream().map(t -> t.tensor()).toList());
    }
}
