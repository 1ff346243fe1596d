/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import java.util.List;

/**
 * What a conversion did. Paths name blocks in the converted model, joined with dots from the root's
 * child keys (e.g. {@code 02ParallelBlock.01SequentialBlock.05BatchNorm}), as the controller names
 * sites in its metrics.
 *
 * @param layersReplaced how many Linear/Conv1d/Conv2d layers became quantised subclasses in the
 *     model
 * @param sitesInserted how many quantisation sites were inserted
 * @param opaqueBlocks paths of blocks the converter could not see into (sites were put at their
 *     boundary where the parent allowed it)
 * @param leftAsIs paths of blocks with parameters that the converter left as they are, in the order
 *     met: layers it has no quantised twin for (batch norm, layer norm, LSTM, embeddings, other
 *     convolutions, subclasses of DJL's layers) and layers it cannot replace (a bare branch of a
 *     {@code ParallelBlock}). Their computation stays FP32; their parameters still follow the
 *     optimizer wrapper's policy, and a site before the next converted layer quantises what they
 *     pass on.
 */
public record ConversionReport(
        int layersReplaced, int sitesInserted, List<String> opaqueBlocks, List<String> leftAsIs) {

    /** Validates and copies the fields. */
    public ConversionReport {
        if (layersReplaced < 0 || sitesInserted < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        opaqueBlocks = List.copyOf(opaqueBlocks);
        leftAsIs = List.copyOf(leftAsIs);
    }

    /**
     * A report with no block left as is.
     *
     * @param layersReplaced how many layers became quantised subclasses
     * @param sitesInserted how many sites were inserted
     * @param opaqueBlocks paths of blocks the converter could not see into
     */
    public ConversionReport(int layersReplaced, int sitesInserted, List<String> opaqueBlocks) {
        this(layersReplaced, sitesInserted, opaqueBlocks, List.of());
    }
}
