/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.quantizer;

import io.github.muppetdjl.quant.format.Block;

/**
 * Maps row-major element indices of a tensor of a given shape onto the blocks of a {@link Block}
 * spec. A {@link Block.Slice} along a dimension the tensor does not have makes the whole tensor one
 * block, as does a scalar.
 *
 * @param blockCount number of blocks
 * @param inner for slices, the number of consecutive elements sharing one index along the sliced
 *     dimension; for tiles, the tile size; for one block, the element count
 * @param period for slices, the length of the sliced dimension; otherwise {@code blockCount}
 */
public record BlockLayout(long blockCount, long inner, long period) {

    /**
     * Computes the layout of a tensor.
     *
     * @param block the block spec
     * @param shape the tensor's shape (row-major)
     * @return the layout
     */
    public static BlockLayout of(Block block, long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (block instanceof Block.Tile tile) {
            long count = size == 0 ? 0 : (size + tile.size() - 1) / tile.size();
            return new BlockLayout(count, tile.size(), count);
        }
        if (block instanceof Block.Slice slice && slice.dim() < shape.length) {
            long inner = 1;
            for (int d = slice.dim() + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
            long dimSize = shape[slice.dim()];
            return new BlockLayout(dimSize, Math.max(inner, 1), dimSize);
        }
        return new BlockLayout(1, Math.max(size, 1), 1);
    }

    /**
     * Returns the block of one element.
     *
     * @param index the row-major element index
     * @return the block index in {@code [0, blockCount)}
     */
    public long blockOf(long index) {
        return (index / inner) % period;
    }
}
