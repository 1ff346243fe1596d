/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/**
 * Fixed point and block floating point on random inputs against a plain oracle (docs/algorithms.md
 * §2.1, §2.2): scale by {@code 2^s}, round with {@link Math#rint} (ties to even), truncation or
 * {@code floor + (u24 < frac * 2^24)}, clamp to {@code [-2^(w-1), 2^(w-1)-1]}, scale back. For BFP
 * the oracle finds {@code s} by searching down from a large exponent for the first one with {@code
 * m * 2^s <= 2^(w-1) - 0.5}, instead of the closed form the code uses.
 */
class IntegerGridFormatsMatchRintOracleTest {

    private static double roundOracle(double y, Rounding r, int u24) {
        return switch (r) {
            case NEAREST_EVEN -> Math.rint(y);
            case TOWARD_ZERO -> y < 0 ? Math.ceil(y) : Math.floor(y);
            case STOCHASTIC -> {
                double a = Math.abs(y);
                double lo = Math.floor(a);
                double m = u24 < (a - lo) * 0x1p24 ? lo + 1 : lo;
                yield y < 0 ? -m : m;
            }
        };
    }

    private static float onGrid(float x, int s, int w, Rounding r, int u24, long[] c) {
        double i = roundOracle(Math.scalb((double) x, s), r, u24);
        double max = Math.scalb(1.0, w - 1) - 1;
        double min = -Math.scalb(1.0, w - 1);
        if (i > max || i < min) {
            c[0]++;
            i = Math.max(min, Math.min(max, i));
        }
        if (i == 0) {
            c[1] += x != 0 ? 1 : 0; // only non-zero inputs underflow
            return Math.copySign(0f, x);
        }
        return (float) Math.scalb(i, -s);
    }

    private static float randomValue(SplittableRandom random, int minExp, int maxExp) {
        float v = (float) Math.scalb(1.0 + random.nextDouble(), random.nextInt(minExp, maxExp));
        return random.nextBoolean() ? v : -v;
    }

    @Test
    void fixedPointMatchesTheOracle() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            FixedPoint f = new FixedPoint(random.nextInt(2, 25), random.nextInt(-20, 30));
            Rounding r = Rounding.values()[trial % 3];
            long key = CounterRng.key(trial, 0, 0);
            float[] data = new float[200];
            for (int i = 0; i < data.length; i++) {
                // Magnitudes from far below one step to far beyond the range.
                data[i] =
                        randomValue(
                                random, -f.fractionBits() - 4, f.wordBits() - f.fractionBits() + 3);
            }
            float[] expected = new float[data.length];
            long[] c = new long[2];
            for (int i = 0; i < data.length; i++) {
                int u = CounterRng.uniform24(key, i);
                expected[i] = onGrid(data[i], f.fractionBits(), f.wordBits(), r, u, c);
            }
            QuantStats stats =
                    ScalarQuantizer.quantize(
                            data, new long[] {data.length}, new Precision(f, r), key);
            for (int i = 0; i < data.length; i++) {
                EdgeTable.assertSameValue(expected[i], data[i], f + "/" + r + " element " + i);
            }
            assertEquals(new QuantStats(data.length, c[0], c[1], 0), stats, f + "/" + r);
        }
    }

    @Test
    void blockFloatingPointMatchesTheOracleOnSlicesAndTiles() {
        SplittableRandom random = new SplittableRandom(12);
        long[] shape = {6, 5, 4};
        int n = 120;
        for (int trial = 0; trial < 300; trial++) {
            int w = random.nextInt(2, 25);
            Block block =
                    switch (trial % 4) {
                        case 0 -> Block.TENSOR;
                        case 1 -> new Block.Slice(random.nextInt(3));
                        case 2 -> new Block.Tile(random.nextInt(1, 50));
                        default -> new Block.Slice(3);
                    };
            BlockFloatingPoint f = new BlockFloatingPoint(w, block);
            Rounding r = Rounding.values()[trial % 3];
            long key = CounterRng.key(trial, 1, 2);
            float[] data = new float[n];
            int center = random.nextInt(-140, 120);
            for (int i = 0; i < n; i++) {
                data[i] =
                        random.nextInt(10) == 0 ? 0f : randomValue(random, center - 12, center + 6);
            }
            int[] blockOf = blockIndices(block, shape);
            double[] max = new double[n];
            for (int i = 0; i < n; i++) {
                max[blockOf[i]] = Math.max(max[blockOf[i]], Math.abs(data[i]));
            }
            float[] expected = new float[n];
            long[] c = new long[2];
            for (int i = 0; i < n; i++) {
                double m = max[blockOf[i]];
                if (m == 0) {
                    expected[i] = data[i];
                    continue;
                }
                int s = 300;
                while (Math.scalb(m, s) > Math.scalb(1.0, w - 1) - 0.5) {
                    s--;
                }
                expected[i] = onGrid(data[i], s, w, r, CounterRng.uniform24(key, i), c);
            }
            QuantStats stats = ScalarQuantizer.quantize(data, shape, new Precision(f, r), key);
            for (int i = 0; i < n; i++) {
                EdgeTable.assertSameValue(expected[i], data[i], f + "/" + r + " element " + i);
            }
            assertEquals(new QuantStats(n, c[0], c[1], 0), stats, f + "/" + r);
        }
    }

    /** Block of each row-major element: coordinates by division, independent of BlockLayout. */
    private static int[] blockIndices(Block block, long[] shape) {
        int n = (int) (shape[0] * shape[1] * shape[2]);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int[] coord = {i / 20, (i / 4) % 5, i % 4};
            if (block instanceof Block.Slice slice && slice.dim() < 3) {
                out[i] = coord[slice.dim()];
            } else if (block instanceof Block.Tile tile) {
                out[i] = i / tile.size();
            }
        }
        return out;
    }
}
