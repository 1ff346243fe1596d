/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * Which elements share one exponent in a {@link BlockFloatingPoint} format.
 *
 * <ul>
 *   <li>{@link #TENSOR}: the whole tensor (MuPPET; dynamic fixed point of Das et al., ICLR 2018);
 *   <li>{@link Slice}: one block per index along a dimension, e.g. per output channel for weights;
 *   <li>{@link Tile}: consecutive runs of N elements in row-major order (HBFP); the last tile may
 *       be shorter.
 * </ul>
 */
public sealed interface Block permits Block.Tensor, Block.Slice, Block.Tile {

    /** The whole tensor as one block. */
    Tensor TENSOR = new Tensor();

    /**
     * Parses {@code tensor}, {@code slice:D} or {@code tile:N}.
     *
     * @param text the text form, as printed by {@link #toString()}
     * @return the block
     * @throws IllegalArgumentException if the text is not a valid block
     */
    static Block parse(String text) {
        String t = text.trim();
        if (t.equals("tensor")) {
            return TENSOR;
        }
        try {
            if (t.startsWith("slice:")) {
                return new Slice(Integer.parseInt(t.substring(6)));
            }
            if (t.startsWith("tile:")) {
                return new Tile(Integer.parseInt(t.substring(5)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("block size must be an integer: '" + text + "'", e);
        }
        throw new IllegalArgumentException(
                "block must be tensor, slice:D or tile:N, got '" + text + "'");
    }

    /** The whole tensor shares one exponent. */
    record Tensor() implements Block {
        @Override
        public String toString() {
            return "tensor";
        }
    }

    /**
     * One exponent per index along {@code dim}; a tensor with fewer dimensions is one block.
     *
     * @param dim the dimension, at least 0
     */
    record Slice(int dim) implements Block {
        /** Validates the dimension. */
        public Slice {
            Checks.inRange("dim", dim, 0, 31);
        }

        @Override
        public String toString() {
            return "slice:" + dim;
        }
    }

    /**
     * One exponent per run of {@code size} consecutive elements in row-major order.
     *
     * @param size the tile length, at least 1
     */
    record Tile(int size) implements Block {
        /** Validates the size. */
        public Tile {
            Checks.inRange("size", size, 1, Integer.MAX_VALUE);
        }

        @Override
        public String toString() {
            return "tile:" + size;
        }
    }
}
