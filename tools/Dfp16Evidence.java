/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.examples.race.RaceData;
import io.github.muppetdjl.examples.race.TrainSteps;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.training.QuantizedTraining;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Evidence for integer DFP16 training (docs/algorithms.md §6.4): trains the small CNN under each
 * named recipe with the race's settings (Adam, batch 128, same seed), and prints per epoch the
 * training loss, test accuracy, mean step time and, for integer layers, the INT32 overflow tallies
 * per layer and product (the metrics {@code muppet.site.<layer>.int32.<product>.*}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp examples/target/muppet.jar tools/Dfp16Evidence.java \
 *     full 2 42 fp32,dfp16 [batchLimit]
 * </pre>
 */
public class Dfp16Evidence {

    public static void main(String[] args) throws Exception {
        RaceData.Choice choice = RaceData.Choice.valueOf(args[0].toUpperCase(Locale.ROOT));
        int epochs = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        long limit = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        RaceData data = RaceData.load(choice, 128, Long.MAX_VALUE);
        System.out.println("data: " + data.describe());
        for (String name : args[3].split(",")) {
            run(name, epochs, seed, limit, data);
        }
    }

    private static void run(String name, int epochs, long seed, long limit, RaceData data)
            throws Exception {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock net = Examples.smallCnn();
        QuantizedTraining qt = null;
        if (!name.equals("fp32")) {
            ModelConverter.convert(net);
            qt = QuantizedTraining.builder().setRecipe(Recipes.byName(name)).optSeed(seed).build();
            System.out.println("recipe: " + qt.getRecipe());
        }
        Loss loss = Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(qt == null ? loss : qt.wrapLoss(loss))
                        .optOptimizer(qt == null ? Optimizer.adam().build() : qt.wrap(Optimizer.adam().build()));
        if (qt != null) {
            config.addTrainingListeners(qt.listener());
        }
        try (Model model = Model.newInstance("evidence-" + name);
                Trainer trainer = newTrainer(model, net, config)) {
            trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
            for (int e = 0; e < epochs; e++) {
                double lossSum = 0;
                long steps = 0;
                long stepNanos = 0;
                long t0 = System.nanoTime();
                for (Batch batch : trainer.iterateDataset(data.train())) {
                    try (batch) {
                        if (steps < limit) {
                            long s0 = System.nanoTime();
                            lossSum += TrainSteps.step(trainer, batch, 1f);
                            stepNanos += System.nanoTime() - s0;
                            steps++;
                            if (steps % 50 == 0) {
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %s step %d: mean loss %.4f, %.1f ms/step%n",
                                        name, steps, lossSum / steps, stepNanos / 1e6 / steps);
                            }
                        }
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                trainer.notifyListeners(l -> l.onEpoch(trainer));
                double acc = Examples.accuracy(trainer, data.test());
                System.out.printf(
                        Locale.ROOT,
                        "%s epoch %d: loss %.4f, test accuracy %.4f, %d steps, %.1f s, %.1f ms/step%n",
                        name, e + 1, lossSum / steps, acc, steps, seconds, stepNanos / 1e6 / steps);
                printOverflows(trainer.getMetrics());
            }
        }
    }

    private static Trainer newTrainer(Model model, SequentialBlock net, DefaultTrainingConfig c) {
        model.setBlock(net);
        Trainer trainer = model.newTrainer(c);
        trainer.setMetrics(new Metrics());
        trainer.initialize(Examples.INPUT);
        return trainer;
    }

    /** The latest value of every integer-overflow and role-statistics metric of integer layers. */
    private static void printOverflows(Metrics metrics) {
        TreeMap<String, Long> last = new TreeMap<>();
        for (String n : metrics.getMetricNames()) {
            if (n.contains(".int32.") || n.matches(".*\\.(activation|weight|error)\\.(saturated|underflowed|total)")) {
                List<Metric> values = metrics.getMetric(n);
                last.put(n, values.get(values.size() - 1).getValue().longValue());
            }
        }
        last.forEach((n, v) -> System.out.println("  " + n + " = " + v));
    }
}
