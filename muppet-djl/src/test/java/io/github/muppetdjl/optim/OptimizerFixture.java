/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;

import java.util.Random;

/** Arrays with real autograd gradients, and exact comparisons, for the optimizer tests. */
final class OptimizerFixture implements AutoCloseable {

    final NDManager manager = NDManager.newBaseManager();

    /** A parameter-like array that requires a gradient. */
    NDArray weight(float[] values, Shape shape) {
        NDArray w = manager.create(values, shape);
        w.setRequiresGradient(true);
        return w;
    }

    /** Adds {@code g} to {@code w}'s gradient through a real backward pass. */
    void accumulateGradient(NDArray w, float[] g) {
        try (NDArray c = manager.create(g, w.getShape());
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray product = w.mul(c);
            NDArray loss = product.sum();
            gc.backward(loss);
            loss.close();
            product.close();
        }
    }

    /** What DJL's parameter server passes to the optimizer: a copy of the gradient. */
    NDArray gradientCopy(NDArray w) {
        try (NDArray g = w.getGradient()) {
            return g.duplicate();
        }
    }

    static float[] gaussian(Random random, int n, float sigma) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    static int[] bits(NDArray a) {
        return bits(a.toFloatArray());
    }

    /** Quantises a copy with the scalar reference (the oracle). */
    static float[] oracle(float[] v, long[] shape, Precision p, long key) {
        float[] copy = v.clone();
        ScalarQuantizer.quantize(copy, shape, p, key);
        return copy;
    }

    /** Returns whether every value is unchanged by quantising it again (it lies on the grid). */
    static boolean onGrid(NDArray a, Precision nearest) {
        float[] v = a.toFloatArray();
        float[] q = oracle(v, a.getShape().getShape(), nearest, 0L);
        return java.util.Arrays.equals(bits(v), bits(q));
    }

    @Override
    public void close() {
        manager.close();
    }
}
