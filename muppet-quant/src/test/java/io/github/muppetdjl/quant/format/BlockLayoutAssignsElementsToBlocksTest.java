/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.muppetdjl.quant.quantizer.BlockLayout;

import org.junit.jupiter.api.Test;

/**
 * {@link BlockLayout} puts each row-major element into the block its {@link Block} spec says: one
 * block for the tensor, one per index along a slice dimension (found here by unravelling the index
 * digit by digit), runs of N for tiles with a shorter last tile, and one block when the slice
 * dimension is beyond the rank.
 */
class BlockLayoutAssignsElementsToBlocksTest {

    private static final long[] SHAPE = {4, 3, 5, 2};

    /** The coordinate along {@code dim} of a row-major index, by repeated division. */
    private static long coordinate(long index, long[] shape, int dim) {
        long rest = index;
        long coordinate = 0;
        for (int d = shape.length - 1; d >= dim; d--) {
            coordinate = rest % shape[d];
            rest /= shape[d];
        }
        return coordinate;
    }

    private static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Test
    void tensorIsOneBlock() {
        BlockLayout layout = BlockLayout.of(Block.TENSOR, SHAPE);
        assertEquals(1, layout.blockCount());
        for (long i = 0; i < size(SHAPE); i++) {
            assertEquals(0, layout.blockOf(i));
        }
    }

    @Test
    void sliceBlockIsTheCoordinateAlongItsDimension() {
        for (int dim = 0; dim < SHAPE.length; dim++) {
            BlockLayout layout = BlockLayout.of(new Block.Slice(dim), SHAPE);
            assertEquals(SHAPE[dim], layout.blockCount(), "slice:" + dim);
            long[] perBlock = new long[(int) SHAPE[dim]];
            for (long i = 0; i < size(SHAPE); i++) {
                long block = layout.blockOf(i);
                assertEquals(coordinate(i, SHAPE, dim), block, "slice:" + dim + " index " + i);
                perBlock[(int) block]++;
            }
            for (long count : perBlock) {
                assertEquals(size(SHAPE) / SHAPE[dim], count, "elements per slice:" + dim);
            }
        }
    }

    @Test
    void sliceBeyondTheRankOrOfAScalarIsOneBlock() {
        for (long[] shape : new long[][] {SHAPE, {7}, {}}) {
            BlockLayout layout = BlockLayout.of(new Block.Slice(shape.length), shape);
            assertEquals(1, layout.blockCount(), "rank " + shape.length);
            for (long i = 0; i < size(shape); i++) {
                assertEquals(0, layout.blockOf(i));
            }
        }
        assertEquals(1, BlockLayout.of(new Block.Slice(31), SHAPE).blockCount());
    }

    @Test
    void tilesAreConsecutiveRunsWithAShorterLastTile() {
        // 120 elements in tiles of 32: 32, 32, 32, 24.
        BlockLayout layout = BlockLayout.of(new Block.Tile(32), SHAPE);
        assertEquals(4, layout.blockCount());
        long[] perBlock = new long[4];
        for (long i = 0; i < 120; i++) {
            assertEquals(i / 32, layout.blockOf(i), "index " + i);
            perBlock[(int) layout.blockOf(i)]++;
        }
        assertEquals(24, perBlock[3]);
        assertEquals(1, BlockLayout.of(new Block.Tile(1000), SHAPE).blockCount());
        assertEquals(120, BlockLayout.of(new Block.Tile(1), SHAPE).blockCount());
        assertEquals(0, BlockLayout.of(new Block.Tile(8), new long[] {0, 3}).blockCount());
    }

    @Test
    void blockSpecsParseFromTheirText() {
        assertEquals(Block.TENSOR, Block.parse("tensor"));
        assertEquals(new Block.Slice(2), Block.parse(" slice:2 "));
        assertEquals(new Block.Tile(64), Block.parse("tile:64"));
        for (Block b : new Block[] {Block.TENSOR, new Block.Slice(0), new Block.Tile(3)}) {
            assertEquals(b, Block.parse(b.toString()));
        }
        assertThrows(IllegalArgumentException.class, () -> Block.parse("slice:"));
        assertThrows(IllegalArgumentException.class, () -> Block.parse("rows"));
    }
}
