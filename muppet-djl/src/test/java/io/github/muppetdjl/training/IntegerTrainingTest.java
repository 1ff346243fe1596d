/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Integer DFP16 layers inside real training (docs/algorithms.md §6.4): with an FP32 policy the same
 * converted model, integer arithmetic set on every layer, trains bit for bit like plain DJL; under
 * the {@code dfp16} recipe every conv and dense layer runs its three integer products, counts them
 * into the per-site metrics, and the loss goes down.
 */
class IntegerTrainingTest {

    private static final int STEPS = 4;
    private static final Shape INPUT = new Shape(8, 1, 6, 6);

    private static SequentialBlock net() {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(4)
                                .build())
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    private static List<Batch> batches(NDManager m) {
        Random rnd = new Random(3);
        List<Batch> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            float[] x = new float[(int) INPUT.size()];
            float[] y = new float[(int) INPUT.get(0)];
            for (int i = 0; i < y.length; i++) {
                y[i] = rnd.nextInt(3);
                for (int j = 0; j < 36; j++) {
                    // The label decides where the bright pixels are, so the task is learnable.
                    x[i * 36 + j] = (float) (rnd.nextGaussian() * 0.3 + ((j % 3) == y[i] ? 1 : 0));
                }
            }
            // A batch closes its manager, so each gets its own.
            NDManager bm = m.newSubManager();
            out.add(
                    new Batch(
                            bm,
                            new NDList(bm.create(x, INPUT)),
                            new NDList(bm.create(y)),
                            (int) INPUT.get(0),
                            Batchifier.STACK,
                            Batchifier.STACK,
                            s,
                            STEPS));
        }
        return out;
    }

    private static Optimizer sgd() {
        return Optimizer.sgd()
                .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f))
                .build();
    }

    /** Trains STEPS batches from the given initial parameters; returns losses and parameters. */
    private static Result train(SequentialBlock net, Recipe recipe, float[][] init) {
        try (Model model = Model.newInstance("m")) {
            model.setBlock(net);
            QuantizedTraining qt =
                    recipe == null ? null : QuantizedTraining.builder().setRecipe(recipe).build();
            Loss loss = Loss.softmaxCrossEntropyLoss();
            DefaultTrainingConfig config =
                    qt == null
                            ? new DefaultTrainingConfig(loss).optOptimizer(sgd())
                            : new DefaultTrainingConfig(qt.wrapLoss(loss))
                                    .optOptimizer(qt.wrap(sgd()))
                                    .addTrainingListeners(qt.listener());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(INPUT);
                ParameterList params = net.getParameters();
                for (int i = 0; i < params.size(); i++) {
                    params.valueAt(i).getArray().set(init[i]);
                }
                for (Batch b : batches(trainer.getManager())) {
                    EasyTrain.trainBatch(trainer, b);
                    trainer.step();
                    b.close();
                }
                float[][] after = new float[params.size()][];
                for (int i = 0; i < params.size(); i++) {
                    after[i] = params.valueAt(i).getArray().toFloatArray();
                }
                trainer.notifyListeners(l -> l.onEpoch(trainer));
                long sums = 0;
                long overflows = 0;
                for (String name : trainer.getMetrics().getMetricNames()) {
                    long v = 0;
                    for (var metric : trainer.getMetrics().getMetric(name)) {
                        v += metric.getValue().longValue();
                    }
                    if (name.contains(".int32.") && name.endsWith(".sums")) {
                        sums += v;
                    } else if (name.contains(".int32.") && name.endsWith(".chunkOverflows")) {
                        overflows += v;
                    }
                }
                String metrics = trainer.getMetrics().getMetricNames().toString();
                return new Result(after, metrics, sums, overflows);
            }
        }
    }

    private record Result(float[][] params, String metricNames, long sums, long overflows) {}

    private static float[][] init() {
        Random rnd = new Random(9);
        int[] sizes = {4 * 9, 4, 3 * 4 * 36, 3};
        float[][] p = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            p[i] = new float[sizes[i]];
            for (int j = 0; j < sizes[i]; j++) {
                p[i][j] = (float) (rnd.nextGaussian() * 0.2);
            }
        }
        return p;
    }

    private static int[] bits(float[][] p) {
        int n = 0;
        for (float[] a : p) {
            n += a.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (float[] a : p) {
            for (float v : a) {
                out[k++] = Float.floatToRawIntBits(v);
            }
        }
        return out;
    }

    @Test
    void fp32PolicyAtIntegerLayersIsPlainDjl() {
        float[][] init = init();
        Result plain = train(net(), null, init);
        SequentialBlock converted = net();
        ModelConverter.convert(converted);
        Recipe fp32WithInteger =
                Recipes.dfp16().toBuilder().setName("fp32").setPolicy(Presets.fp32()).build();
        Result q = train(converted, fp32WithInteger, init);
        assertArrayEquals(bits(plain.params()), bits(q.params()));
        assertFalse(java.util.Arrays.equals(bits(init), bits(plain.params())), "training moved");
        assertEquals(0, q.sums(), "no integer product ran");
    }

    @Test
    void dfp16RecipeRunsEveryProductInIntegersAndCountsThem() {
        float[][] init = init();
        SequentialBlock converted = net();
        ModelConverter.convert(converted);
        Result plain = train(net(), null, init);
        Result q = train(converted, Recipes.dfp16(), init);
        // Per batch: forward and backward-weights of both layers, backward-data of the dense one
        // (the conv layer reads the model's input, which needs no gradient): 8 × 4 × 6 × 6 + 8 × 3
        // forward outputs, 4 × 9 + 3 × 144 weight-gradient sums, 8 × 144 data-gradient sums.
        long perBatch = 8 * 4 * 36 + 8 * 3 + 4 * 9 + 3 * 144 + 8 * 144;
        assertEquals(STEPS * perBatch, q.sums(), q.metricNames());
        assertTrue(
                q.metricNames().contains(".int32.backward_weights.chunkOverflows"),
                q.metricNames());
        // Different arithmetic, same learning: the parameters differ from FP32's, but only a
        // little.
        int[] a = bits(plain.params());
        int[] b = bits(q.params());
        assertFalse(java.util.Arrays.equals(a, b));
        float[][] pp = plain.params();
        float[][] qp = q.params();
        for (int i = 0; i < pp.length; i++) {
            for (int j = 0; j < pp[i].length; j++) {
                assertEquals(pp[i][j], qp[i][j], 0.02f, "parameter " + i + "[" + j + "]");
            }
        }
    }
}
