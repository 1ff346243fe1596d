/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.format.Block;
import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.format.Specials;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;
import io.github.muppetdjl.quant.rounding.Rounding;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/**
 * "Accelerated == reference" over formats drawn at random from their whole parameter ranges (word
 * widths, fraction bits from -100 to 125, every exponent width, FN and IEEE, with and without
 * subnormals or saturation, random block specs), so that no hand-picked list hides a corner of the
 * parameter space.
 */
class RandomFormatsMatchReferenceTest {

    /** Trials per run; raise with {@code -Dmuppet.fuzzTrials=N} for a longer search. */
    private static final int TRIALS = Integer.getInteger("muppet.fuzzTrials", 600);

    private static NumberFormat randomFormat(SplittableRandom rnd) {
        switch (rnd.nextInt(3)) {
            case 0:
                return new FixedPoint(rnd.nextInt(2, 25), rnd.nextInt(-100, 126));
            case 1:
                Block block =
                        switch (rnd.nextInt(3)) {
                            case 0 -> Block.TENSOR;
                            case 1 -> new Block.Slice(rnd.nextInt(0, 4));
                            default -> new Block.Tile(rnd.nextInt(1, 70));
                        };
                return new BlockFloatingPoint(rnd.nextInt(2, 25), block);
            default:
                Specials specials = rnd.nextBoolean() ? Specials.IEEE : Specials.FN;
                int exponentBits = rnd.nextInt(2, specials == Specials.FN ? 8 : 9);
                int mantissaBits = rnd.nextInt(specials == Specials.FN ? 1 : 0, 24);
                return new FloatingPoint(
                        exponentBits, mantissaBits, rnd.nextBoolean(), specials, rnd.nextBoolean());
        }
    }

    @Test
    void randomFormatsMatchReferenceOnEveryPath() {
        SplittableRandom rnd = new SplittableRandom(Long.getLong("muppet.fuzzSeed", 20260522L));
        long[] shape = {3, 7, 37};
        int n = (int) Fixtures.size(shape);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int trial = 0; trial < TRIALS; trial++) {
                Precision p = new Precision(randomFormat(rnd), Rounding.values()[rnd.nextInt(3)]);
                long key = CounterRng.key(trial, rnd.nextLong(), 3);
                float[] data =
                        rnd.nextBoolean()
                                ? Fixtures.mixed(n, trial)
                                : Fixtures.gaussian(
                                        n, trial, Math.scalb(1f, rnd.nextInt(-140, 120)));
                Fixtures.Result ref = Fixtures.reference(data, shape, p, key);
                List<TensorQuantizer> paths =
                        trial % 10 == 0
                                ? List.of(
                                        new CpuFastQuantizer(1),
                                        new CpuFastQuantizer(1, ScalarKernel.INSTANCE),
                                        Quantizers.ndarray())
                                : List.of(
                                        new CpuFastQuantizer(1),
                                        new CpuFastQuantizer(1, ScalarKernel.INSTANCE));
                for (TensorQuantizer q : paths) {
                    String context = trial + " " + p + " " + q.getClass().getSimpleName();
                    try (NDManager m = manager.newSubManager()) {
                        NDArray x = m.create(data, new Shape(shape));
                        StatsAccumulator stats = new StatsAccumulator();
                        q.quantizeInPlace(x, p, key, stats);
                        Fixtures.assertBitsEqual(ref.values(), x.toFloatArray(), context);
                        assertEquals(ref.stats(), stats.snapshot(), context);
                    }
                }
            }
        }
    }
}
