/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.rounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The generator is keyed by (seed, step, site) and is exactly the add-shift mixer its javadoc
 * defines, computed here with nothing but multiplication, addition, floor division and modulo on
 * non-negative longs (the operations the NDArray path has), so that definition is what every path
 * must reproduce.
 */
class CounterRngKeysTest {

    private static final long TWO_32 = 1L << 32;

    @Test
    void keysDifferAcrossSeedStepAndSite() {
        Set<Long> keys = new HashSet<>();
        for (long seed = 0; seed < 16; seed++) {
            for (long step = 0; step < 16; step++) {
                for (long site = 0; site < 16; site++) {
                    keys.add(CounterRng.key(seed, step, site));
                }
            }
        }
        assertEquals(16 * 16 * 16, keys.size(), "distinct keys over a 16^3 grid");
        long base = CounterRng.key(0, 0, 0);
        assertNotEquals(base, CounterRng.key(1, 0, 0));
        assertNotEquals(base, CounterRng.key(0, 1, 0));
        assertNotEquals(base, CounterRng.key(0, 0, 1));
        // Swapping roles must not collide either.
        assertNotEquals(CounterRng.key(1, 2, 3), CounterRng.key(3, 2, 1));
        assertNotEquals(CounterRng.key(1, 2, 3), CounterRng.key(2, 1, 3));
    }

    @Test
    void sameKeyAndIndexReplayAndIndexIsTakenModulo2To32() {
        long key = CounterRng.key(5, 6, 7);
        for (long i = 0; i < 1000; i++) {
            assertEquals(CounterRng.bits(key, i), CounterRng.bits(key, i));
            assertEquals(CounterRng.bits(key, i), CounterRng.bits(key, i + TWO_32));
            assertEquals(CounterRng.bits(key, i) >>> 8, CounterRng.uniform24(key, i));
        }
    }

    @Test
    void bitsMatchTheDocumentedDefinitionInModularArithmetic() {
        Random random = new Random(77);
        for (int trial = 0; trial < 20_000; trial++) {
            long key = random.nextLong();
            long index = trial < 100 ? trial : random.nextLong() & Long.MAX_VALUE;
            long k0 = Math.floorMod(key, TWO_32);
            long k1 = Math.floorMod(Math.floorDiv(key, TWO_32), TWO_32);
            long h = add(mul(Math.floorMod(index, TWO_32), 0x9E3779B9L), k0);
            h = mul(h, add(add(h, h), 1));
            h = add(h, h / (1L << 16));
            h = mul(h, 0x85EBCA6BL);
            h = add(h, k1);
            h = mul(h, add(add(h, h), 1));
            h = add(h, h / (1L << 13));
            h = mul(h, 0xC2B2AE35L);
            h = add(h, h / (1L << 16));
            assertEquals((int) h, CounterRng.bits(key, index), "key " + key + " index " + index);
            assertEquals((int) (h / 256), CounterRng.uniform24(key, index));
        }
    }

    private static long add(long a, long b) {
        return (a + b) % TWO_32;
    }

    /** {@code a * b mod 2^32} for words below 2^32, split so no intermediate exceeds 2^63. */
    private static long mul(long a, long b) {
        long bLow = b % (1L << 16);
        long bHigh = b / (1L << 16);
        long high = (a * bHigh) % (1L << 16);
        return (a * bLow + high * (1L << 16)) % TWO_32;
    }
}
