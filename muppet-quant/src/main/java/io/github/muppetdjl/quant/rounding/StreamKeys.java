/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

import java.nio.charset.StandardCharsets;

/**
 * The one key space of stochastic rounding: every call's generator key is derived from the run's
 * seed, the step, a stable name and a {@link RandomStream}. The name is a quantisation site's name
 * (its path in the block tree unless the user named it) or a parameter's path as {@code
 * block.getParameters()} keys it; never a DJL parameter id (fresh every process) or a registry
 * index (changes when the model changes), so a seed replays the same rounding in a new JVM and a
 * checkpoint resumes on a freshly built model.
 *
 * <p>Definition (arithmetic modulo 2^64):
 *
 * <pre>
 *   nameHash(name)              = FNV-1a 64 of the UTF-8 bytes of name
 *                                 (offset basis 0xCBF29CE484222325, prime 0x100000001B3)
 *   streamId(name, stream, part) = mix64(nameHash(name)) + 16 * stream.id() + part,  0 &lt;= part &lt; 16
 *   key(seed, step, name, stream, part) = CounterRng.key(seed, step, streamId(name, stream, part))
 * </pre>
 *
 * <p>{@code mix64} is {@link CounterRng#mix64}. Hashing the name before adding the stream spreads
 * similar names ({@code "fc1"}, {@code "fc2"}) over the whole 64-bit range, so two (name, stream,
 * part) triples share a stream only if their mixed hashes differ by less than 2^12, which for
 * distinct names happens with probability about 2^-51. {@code part} tells apart several tensors of
 * one stream of one name (Adam's m and v); most streams use part 0. Names must be unique within a
 * model: two sites given the same name draw the same random numbers.
 */
public final class StreamKeys {

    /** FNV-1a 64 offset basis. */
    public static final long FNV_OFFSET = 0xCBF29CE484222325L;

    /** FNV-1a 64 prime. */
    public static final long FNV_PRIME = 0x100000001B3L;

    /** How many parts each stream of a name has. */
    public static final int PARTS = 16;

    private StreamKeys() {}

    /**
     * Returns the FNV-1a 64 hash of the UTF-8 bytes of {@code name}.
     *
     * @param name the stable name
     * @return the hash
     */
    public static long nameHash(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    /**
     * Returns the generator site id of one stream of a name whose hash is known.
     *
     * @param nameHash {@link #nameHash(String)} of the name
     * @param stream the stream
     * @param part the part, in [0, {@link #PARTS})
     * @return {@code mix64(nameHash) + 16 * stream.id() + part}
     */
    public static long streamId(long nameHash, RandomStream stream, int part) {
        if (part < 0 || part >= PARTS) {
            throw new IllegalArgumentException("part must be in [0, 16), got " + part);
        }
        return CounterRng.mix64(nameHash) + (long) PARTS * stream.id() + part;
    }

    /**
     * Returns the key of part 0 of one stream of a name at one step.
     *
     * @param seed the run's seed
     * @param step the training step
     * @param name the site's or parameter's stable name
     * @param stream the stream
     * @return the key for {@link CounterRng#bits(long, long)}
     */
    public static long key(long seed, long step, String name, RandomStream stream) {
        return key(seed, step, nameHash(name), stream, 0);
    }

    /**
     * Returns the key of one part of one stream of a name at one step.
     *
     * @param seed the run's seed
     * @param step the training step
     * @param name the site's or parameter's stable name
     * @param stream the stream
     * @param part the part, in [0, {@link #PARTS})
     * @return the key for {@link CounterRng#bits(long, long)}
     */
    public static long key(long seed, long step, String name, RandomStream stream, int part) {
        return key(seed, step, nameHash(name), stream, part);
    }

    /**
     * Returns the key of one part of one stream at one step from a precomputed name hash (sites
     * hash their name once, not at every forward).
     *
     * @param seed the run's seed
     * @param step the training step
     * @param nameHash {@link #nameHash(String)} of the name
     * @param stream the stream
     * @param part the part, in [0, {@link #PARTS})
     * @return the key for {@link CounterRng#bits(long, long)}
     */
    public static long key(long seed, long step, long nameHash, RandomStream stream, int part) {
        return CounterRng.key(seed, step, streamId(nameHash, stream, part));
    }
}
