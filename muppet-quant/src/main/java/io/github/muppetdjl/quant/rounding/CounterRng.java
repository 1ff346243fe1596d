/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

/**
 * The counter-based generator behind {@link Rounding#STOCHASTIC}: a pure function of (seed, step,
 * site, element index), so a run replays bit for bit from its seed on any device and any thread
 * count (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011, give the idea).
 *
 * <p>Definition (all arithmetic modulo {@code 2^32} on unsigned 32-bit words, {@code >>} a logical
 * shift):
 *
 * <pre>
 *   key   = mix64(mix64(mix64(seed) + step) + site)      // SplitMix64 finaliser, once per call
 *   k0    = low 32 bits of key,  k1 = high 32 bits of key
 *   h     = i * 0x9E3779B9 + k0                          // i: row-major element index mod 2^32
 *   h     = h * (2h + 1);   h += h >> 16;   h *= 0x85EBCA6B;   h += k1
 *   h     = h * (2h + 1);   h += h >> 13;   h *= 0xC2B2AE35;   h += h >> 16
 *   u24   = h >> 8                                        // uniform in [0, 2^24)
 * </pre>
 *
 * <p>Why add-shift rather than the usual xor-shift: DJL's NDArray has no bitwise operators, and the
 * generator must be computable with integer multiply, add and modulo on any device so that the
 * NDArray path reproduces the CPU fast path and the scalar reference exactly.
 *
 * <p>Why the quadratic steps {@code h * (2h + 1)} (the permutation of 32-bit words used by RC6,
 * Rivest et al. 1998): additions, constant multiplications and {@code h += h >> s} are all nearly
 * linear modulo 2^32 ({@code h + (h >> 16)} is about {@code h * (1 + 2^-16)}), so without them the
 * output is close to a Weyl sequence in {@code i}: far too even (chi-square 13 to 66 over 256
 * buckets where 255 is expected) and neighbouring elements strongly correlated (chi-square about
 * 2.8 * 10^5 over 16 x 16 buckets of pairs {@code (i, i+1)}, 2^18 samples). One data-dependent
 * product per round breaks that linearity; {@code CounterRngIsUniformTest} checks single values,
 * neighbour pairs and streams across steps.
 */
public final class CounterRng {

    /** Weyl increment applied to the element index. */
    public static final int INDEX_MULTIPLIER = 0x9E3779B9;

    /** First mixing multiplier. */
    public static final int MIX1 = 0x85EBCA6B;

    /** Second mixing multiplier. */
    public static final int MIX2 = 0xC2B2AE35;

    private CounterRng() {}

    /**
     * Derives the 64-bit key of one quantisation call.
     *
     * @param seed the run's seed
     * @param step the training step (or any call counter)
     * @param site the quantisation site's id
     * @return the key; its halves are {@code k0} (low) and {@code k1} (high)
     */
    public static long key(long seed, long step, long site) {
        return mix64(mix64(mix64(seed) + step) + site);
    }

    /**
     * Returns the 32 random bits of element {@code index} under {@code key}.
     *
     * @param key a key from {@link #key(long, long, long)}
     * @param index the row-major element index (taken modulo 2^32)
     * @return 32 random bits
     */
    public static int bits(long key, long index) {
        int h = (int) index * INDEX_MULTIPLIER + (int) key;
        h *= 2 * h + 1;
        h += h >>> 16;
        h *= MIX1;
        h += (int) (key >>> 32);
        h *= 2 * h + 1;
        h += h >>> 13;
        h *= MIX2;
        h += h >>> 16;
        return h;
    }

    /**
     * Returns the 24-bit uniform integer that stochastic rounding compares against.
     *
     * @param key a key from {@link #key(long, long, long)}
     * @param index the row-major element index (taken modulo 2^32)
     * @return a uniform integer in [0, 2^24)
     */
    public static int uniform24(long key, long index) {
        return bits(key, index) >>> 8;
    }

    /**
     * The SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014).
     *
     * @param z the input
     * @return the mixed value
     */
    public static long mix64(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
