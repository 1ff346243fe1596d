/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.djl.util.RandomUtils;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.muppet.MuppetController;
import io.github.muppetdjl.optim.QuantizedAdam;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.quant.schedule.PrecisionLadder;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small MuPPET run for the integration tests: the converted small CNN, QuantizedAdam (whose state
 * a checkpoint carries), and a data order that depends only on (seed, epoch), so that an
 * interrupted and resumed run sees the same batches as an uninterrupted one.
 */
final class MuppetRuns {

    /** Training examples per epoch: small, so many epochs (and checks) fit the time budget. */
    static final long LIMIT = 96;

    static final int BATCH = 32;

    private MuppetRuns() {}

    /**
     * A forced configuration: ladder BFP 8 → 12 → FP32, checks every 2 epochs (epochs 1, 3, 5, ...;
     * with r = 1 every check would see a single gradient per tensor, whose diversity is exactly 1,
     * so nothing could ever switch), patience 1 and {@code T(e) = 1}: every check whose {@code D}
     * is below the level's {@code maxD} switches.
     */
    static MuppetSwitchingPolicy forcedPolicy() {
        return MuppetSwitchingPolicy.builder()
                .optLadder(PrecisionLadder.ofBfp(8, 12))
                .optResolution(2)
                .optPatience(1)
                .optThreshold(1, 0, 0)
                .build();
    }

    static QuantizedTraining controller(long seed) {
        return QuantizedTraining.builder()
                .setRecipe(Recipes.muppet(forcedPolicy().config()))
                .optSeed(seed)
                .optRecordMetrics(false)
                .build();
    }

    /** The MuPPET switching policy a controller drives. */
    static MuppetSwitchingPolicy switching(QuantizedTraining qt) {
        return ((MuppetController) qt.getController()).switching();
    }

    /**
     * A model with the converted small CNN, initialised from the engine seeded with {@code init}.
     */
    static Model model(long init) {
        Harness.seed(init);
        SequentialBlock net = Examples.smallCnn();
        ModelConverter.convert(net);
        Model model = Model.newInstance("muppet-cnn");
        model.setBlock(net);
        return model;
    }

    /**
     * A trainer wired with the three adoption lines, plus extra listeners before and after.
     *
     * @param beginNumUpdate the inner optimizer's first update count (a checkpoint's step)
     */
    static Trainer trainer(
            Model model,
            QuantizedTraining mt,
            int beginNumUpdate,
            List<TrainingListener> before,
            List<TrainingListener> after) {
        QuantizedAdam adam = QuantizedAdam.builder().optBeginNumUpdate(beginNumUpdate).build();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(mt.wrapLoss(Loss.softmaxCrossEntropyLoss()))
                        .optOptimizer(mt.wrap(adam));
        before.forEach(config::addTrainingListeners);
        config.addTrainingListeners(mt.listener());
        after.forEach(config::addTrainingListeners);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(Harness.INPUT);
        return trainer;
    }

    /** Trains one epoch; the shuffle is seeded from (seed, epoch) alone. */
    static void epoch(Trainer trainer, Dataset train, long seed, int epoch)
            throws IOException, ai.djl.translate.TranslateException {
        RandomUtils.RANDOM.setSeed(seed * 1_000_003L + epoch);
        for (Batch batch : trainer.iterateDataset(train)) {
            try (batch) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
            }
        }
        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
    }

    /** Every parameter's values, in order. */
    static List<float[]> parameters(Model model) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Whether two parameter lists are equal bit for bit. */
    static boolean bitEqual(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i);
            float[] y = b.get(i);
            if (x.length != y.length) {
                return false;
            }
            for (int j = 0; j < x.length; j++) {
                if (Float.floatToRawIntBits(x[j]) != Float.floatToRawIntBits(y[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
