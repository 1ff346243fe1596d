/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import java.util.List;

/**
 * What a conversion did.
 *
 * @param layersReplaced how many Linear/Conv1d/Conv2d layers became quantised subclasses
 * @param sitesInserted how many quantisation sites were inserted
 * @param opaqueBlocks paths of blocks the converter could not see into (sites were put at their
 *     boundary where the parent allowed it)
 */
public record ConversionReport(int layersReplaced, int sitesInserted, List<String> opaqueBlocks) {

    /** Validates and copies the fields. */
    public ConversionReport {
        if (layersReplaced < 0 || sitesInserted < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        opaqueBlocks = List.copyOf(opaqueBlocks);
    }
}
