/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.integer;

import io.github.muppetdjl.quant.rounding.Rounding;

/**
 * How a conv or dense layer computes its three products in integer DFP16 arithmetic (Das et al.,
 * ICLR 2018; docs/algorithms.md §6.4): input, weight and error are converted to {@link Dfp} with
 * the shift and roundings set here; products of two mantissas are summed in an INT32 accumulator
 * over one chunk of the reduction; each chunk's integer sum {@code S} becomes the FP32 value
 * nearest to {@code S · 2^-(s_a + s_b)} (one rounding, nearest-even), and the chunks' values are
 * added in FP32 in chunk order, starting from the first.
 *
 * <p><b>Chunks.</b> A reduction is cut into slices: input channels for the forward product, output
 * channels for backward-data, samples of the batch for backward-weights (for a dense layer a slice
 * is one product; for a convolution a slice holds the kernel window's products, or the output
 * positions' for backward-weights). A chunk is the longest run of whole slices holding at most
 * {@link #chunkLength()} products, and at least one slice.
 *
 * <p><b>Which chunk lengths can never overflow.</b> Each product is at most {@code (2^(15-a) -
 * 1)^2} in magnitude, so a chunk of {@code L} products can never leave the INT32 range exactly when
 * {@code L · (2^(15-a) - 1)^2 <= 2^31 - 1}, i.e. {@code L <= }{@link #safeChunkLength(int)}: 2 for
 * {@code a = 0}, 8 for 1, 32 for 2, 128 for 3, 512 for 4 (about {@code 2^(2a+1)}). A convolution
 * slice longer than that (3×3 windows at {@code a = 0}, a 28×28 image's positions in
 * backward-weights) makes a chunk longer than the bound whatever the setting.
 *
 * <p><b>What happens on overflow.</b> A chunk whose integer sum leaves the INT32 range keeps its
 * exact value, as a wider accumulator would hold it (the emulation's FP64 sums are exact), and is
 * counted ({@link OverflowTally#chunkOverflows()}); a real INT32 kernel would need a larger shift
 * or a shorter chunk there. Separately, every output whose whole unchunked sum leaves the INT32
 * range is counted ({@link OverflowTally#sumOverflows()}): what chunking and flushing saved.
 *
 * <p>Immutable; built with {@link #builder()}; {@link #toString()} is a stable one-line form.
 */
public final class IntegerArithmetic {

    private final int shift;
    private final int chunkLength;
    private final Rounding inputRounding;
    private final Rounding weightRounding;
    private final Rounding errorRounding;

    private IntegerArithmetic(Builder b) {
        shift = b.shift;
        chunkLength = b.chunkLength;
        inputRounding = b.inputRounding;
        weightRounding = b.weightRounding;
        errorRounding = b.errorRounding;
    }

    /**
     * Returns a builder: shift 0, chunks of {@link #safeChunkLength(int) safeChunkLength(0)} = 2
     * products, nearest-even rounding everywhere.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the longest chunk that can never overflow INT32 at a shift: {@code floor((2^31 - 1) /
     * (2^(15-shift) - 1)^2)}.
     *
     * @param shift the extra right shift, in [0, {@link Dfp#MAX_SHIFT}]
     * @return 2, 8, 32, 128, 512, ... for shifts 0, 1, 2, 3, 4, ...
     */
    public static int safeChunkLength(int shift) {
        long m = Dfp.maxMantissa(shift);
        return (int) Math.min(Integer.MAX_VALUE, Integer.MAX_VALUE / (m * m));
    }

    /**
     * Returns the extra right shift {@code a}.
     *
     * @return the shift
     */
    public int shift() {
        return shift;
    }

    /**
     * Returns the chunk length in products.
     *
     * @return the length, at least 1
     */
    public int chunkLength() {
        return chunkLength;
    }

    /**
     * Returns whether no chunk of {@link #chunkLength()} products can overflow at this shift.
     *
     * @return {@code chunkLength() <= safeChunkLength(shift())}
     */
    public boolean chunksNeverOverflow() {
        return chunkLength <= safeChunkLength(shift);
    }

    /**
     * Returns the rounding of the layer's input.
     *
     * @return the rounding
     */
    public Rounding inputRounding() {
        return inputRounding;
    }

    /**
     * Returns the rounding of the layer's weight.
     *
     * @return the rounding
     */
    public Rounding weightRounding() {
        return weightRounding;
    }

    /**
     * Returns the rounding of the error at the layer's output.
     *
     * @return the rounding
     */
    public Rounding errorRounding() {
        return errorRounding;
    }

    /**
     * Returns how many slices of {@code productsPerSlice} products one chunk holds.
     *
     * @param productsPerSlice products in one slice of the reduction, at least 1
     * @return {@code max(1, chunkLength / productsPerSlice)}
     */
    public int slicesPerChunk(long productsPerSlice) {
        if (productsPerSlice < 1) {
            throw new IllegalArgumentException("productsPerSlice must be >= 1");
        }
        return (int) Math.max(1, chunkLength / productsPerSlice);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegerArithmetic a && a.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "dfp16(shift="
                + shift
                + ",chunk="
                + chunkLength
                + ",input="
                + inputRounding.shortName()
                + ",weight="
                + weightRounding.shortName()
                + ",error="
                + errorRounding.shortName()
                + ")";
    }

    /** Builds an {@link IntegerArithmetic}. */
    public static final class Builder {

        private int shift;
        private int chunkLength = -1;
        private Rounding inputRounding = Rounding.NEAREST_EVEN;
        private Rounding weightRounding = Rounding.NEAREST_EVEN;
        private Rounding errorRounding = Rounding.NEAREST_EVEN;

        Builder() {}

        /**
         * Sets the extra right shift {@code a} of every operand (default 0).
         *
         * @param value in [0, {@link Dfp#MAX_SHIFT}]
         * @return this builder
         */
        public Builder optShift(int value) {
            shift = value;
            return this;
        }

        /**
         * Sets the chunk length in products (default {@link #safeChunkLength(int)} of the shift).
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optChunkLength(int value) {
            chunkLength = value;
            return this;
        }

        /**
         * Sets the rounding of the input (default nearest-even).
         *
         * @param value the rounding; {@code TOWARD_ZERO} is allowed
         * @return this builder
         */
        public Builder optInputRounding(Rounding value) {
            inputRounding = value;
            return this;
        }

        /**
         * Sets the rounding of the weight (default nearest-even).
         *
         * @param value the rounding
         * @return this builder
         */
        public Builder optWeightRounding(Rounding value) {
            weightRounding = value;
            return this;
        }

        /**
         * Sets the rounding of the error (default nearest-even).
         *
         * @param value the rounding
         * @return this builder
         */
        public Builder optErrorRounding(Rounding value) {
            errorRounding = value;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException for a shift outside [0, 13], a chunk length below 1 or a
         *     null rounding
         */
        public IntegerArithmetic build() {
            Dfp.checkShift(shift);
            if (chunkLength == -1) {
                chunkLength = safeChunkLength(shift);
            }
            if (chunkLength < 1) {
                throw new IllegalArgumentException("chunkLength must be >= 1, got " + chunkLength);
            }
            if (inputRounding == null || weightRounding == null || errorRounding == null) {
                throw new IllegalArgumentException("roundings must not be null");
            }
            return new IntegerArithmetic(this);
        }
    }
}
