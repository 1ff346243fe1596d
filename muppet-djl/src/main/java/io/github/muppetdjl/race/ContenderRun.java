/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.race;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.IntegerOverflowStat;
import io.github.muppetdjl.report.RunDetails;
import io.github.muppetdjl.report.RunRecord;
import io.github.muppetdjl.report.RunStatus;
import io.github.muppetdjl.report.SiteStat;
import io.github.muppetdjl.training.QuantizedTrainingListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Trains one contender of a {@link Race}: either its untimed warm-up or its timed run. */
final class ContenderRun {

    /** Consecutive non-finite batch losses after which a run counts as diverged. */
    static final int DIVERGENCE_STEPS = 3;

    private static final String SITE_PREFIX = QuantizedTrainingListener.METRIC_PREFIX + "site.";

    private static final String INT32 = ".int32.";

    private final Race race;
    private final Recipe recipe;

    ContenderRun(Race race, Recipe recipe) {
        this.race = race;
        this.recipe = recipe;
    }

    /** Trains {@code steps} batches on a throwaway model, so the JIT has compiled its code. */
    void warmUp(int steps) throws IOException, TranslateException {
        if (steps == 0) {
            return;
        }
        Contender c = new Contender(recipe, race.seed());
        if (race.progress() != null) {
            race.progress().println(c.name() + ": " + steps + " warm-up steps (untimed)");
            race.progress().flush();
        }
        try (Model model = Model.newInstance("warmup-" + c.name());
                Trainer trainer = newTrainer(model, c)) {
            trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
            int done = 0;
            int before = -1;
            while (done < steps && done > before) { // an empty set ends the warm-up
                before = done;
                for (Batch batch : trainer.iterateDataset(race.train())) {
                    try (batch) {
                        TrainSteps.step(trainer, batch, c.lossScale());
                    }
                    if (++done == steps) {
                        break;
                    }
                }
            }
        }
    }

    /** Trains the contender from the race's seed with the clock running. */
    RunRecord timed() {
        Contender c = new Contender(recipe, race.seed());
        List<EpochRecord> epochs = new ArrayList<>();
        long[] stepNanos = new long[1024];
        int steps = 0;
        RunStatus status = RunStatus.COMPLETED;
        String message = "";
        double trainSeconds = 0;
        CostTally tally = null;
        List<SiteStat> sites = List.of();
        List<IntegerOverflowStat> integer = List.of();
        try (Model model = Model.newInstance("race-" + c.name());
                Trainer trainer = newTrainer(model, c)) {
            trainer.setMetrics(new Metrics());
            trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
            System.gc(); // every contender starts its clock on a collected heap
            int badInARow = 0;
            long batchesPerEpoch = 0; // known from the first batch
            for (int e = 0; e < race.epochs() && status == RunStatus.COMPLETED; e++) {
                ProgressBar bar = new ProgressBar(race.progress());
                String label =
                        String.format(
                                Locale.ROOT, "%-10s epoch %d/%d", c.name(), e + 1, race.epochs());
                long total = batchesPerEpoch;
                long t0 = System.nanoTime();
                double lossSum = 0;
                long done = 0;
                for (Batch batch : trainer.iterateDataset(race.train())) {
                    try (batch) {
                        if (batchesPerEpoch == 0) {
                            tally = race.tally(model.getBlock(), batch.getSize(), c);
                            batchesPerEpoch =
                                    (race.train().size() + batch.getSize() - 1) / batch.getSize();
                            total = batchesPerEpoch;
                        }
                        if (tally != null) {
                            tally.step(steps, c.policyNow(), batch.getSize());
                        }
                        long s0 = System.nanoTime();
                        float loss = TrainSteps.step(trainer, batch, c.lossScale());
                        if (steps == stepNanos.length) {
                            stepNanos = Arrays.copyOf(stepNanos, steps * 2);
                        }
                        stepNanos[steps++] = System.nanoTime() - s0;
                        badInARow = Float.isFinite(loss) ? 0 : badInARow + 1;
                        lossSum += Float.isFinite(loss) ? loss : 0;
                    }
                    done++;
                    bar.update(label, done, total, lossSum / done, System.nanoTime() - t0);
                    if (badInARow >= DIVERGENCE_STEPS) {
                        status = RunStatus.DIVERGED;
                        message =
                                "training loss non-finite for "
                                        + DIVERGENCE_STEPS
                                        + " steps in a row at step "
                                        + steps;
                        break;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                trainSeconds += seconds;
                if (status != RunStatus.COMPLETED) {
                    bar.finishDiverged();
                    epochs.add(c.record(e, Double.NaN, Double.NaN, seconds));
                    break;
                }
                trainer.notifyListeners(l -> l.onEpoch(trainer));
                double accuracy = accuracy(trainer);
                bar.finish(accuracy);
                epochs.add(c.record(e, lossSum / Math.max(1, done), accuracy, seconds));
            }
            trainer.notifyListeners(l -> l.onTrainingEnd(trainer));
            sites = siteStats(trainer.getMetrics());
            integer = integerOverflows(trainer.getMetrics());
        } catch (IOException | TranslateException | RuntimeException e) {
            status = RunStatus.FAILED;
            message = e.toString();
            if (race.progress() != null) {
                race.progress().println(c.name() + " failed: " + message);
                race.progress().flush();
            }
        }
        if (epochs.isEmpty()) {
            epochs.add(
                    EpochRecord.of(0, c.name(), Double.NaN, Double.NaN, trainSeconds, Double.NaN));
        }
        double relative = tally == null ? Double.NaN : tally.relativeCost();
        RunDetails details =
                new RunDetails(
                        status,
                        message,
                        steps == 0 ? Double.NaN : median(stepNanos, steps) / 1e6,
                        steps,
                        race.warmupSteps(),
                        relative,
                        race.baseline().toString(),
                        tally == null ? Map.of() : tally.memoryBytes(),
                        tally == null ? List.of() : tally.trace(),
                        sites,
                        integer);
        double finalAccuracy =
                status == RunStatus.COMPLETED ? last(epochs).testAccuracy() : Double.NaN;
        return new RunRecord(
                c.name(),
                finalAccuracy,
                trainSeconds,
                Double.isNaN(relative) ? Double.NaN : 1 / relative,
                epochs,
                c.switches(),
                details);
    }

    private Trainer newTrainer(Model model, Contender c) {
        Engine.getInstance().setRandomSeed((int) race.seed());
        Block net = race.newModel();
        c.prepare(net);
        model.setBlock(net);
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(c.wrapLoss(race.newLoss()))
                        .optOptimizer(c.wrap(race.newOptimizer()));
        for (TrainingListener l : c.listeners()) {
            config.addTrainingListeners(l);
        }
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(race.inputShape());
        return trainer;
    }

    private double accuracy(Trainer trainer) throws IOException, TranslateException {
        Accuracy acc = new Accuracy();
        acc.addAccumulator("test");
        for (Batch batch : trainer.iterateDataset(race.test())) {
            try (batch) {
                acc.updateAccumulator("test", batch.getLabels(), trainer.evaluate(batch.getData()));
            }
        }
        return acc.getAccumulator("test");
    }

    /** Sums the per-epoch site metrics the training listener wrote over the run. */
    static List<SiteStat> siteStats(Metrics metrics) {
        List<SiteStat> out = new ArrayList<>();
        sumSiteMetrics(metrics, List.of("total", "saturated", "underflowed", "nonFinite"))
                .forEach(
                        (key, v) -> {
                            int dot = key.lastIndexOf('.'); // site.role
                            out.add(
                                    new SiteStat(
                                            key.substring(0, dot),
                                            key.substring(dot + 1),
                                            v[0],
                                            v[1],
                                            v[2],
                                            v[3]));
                        });
        return out;
    }

    /**
     * Sums the per-epoch INT32 metrics of integer layers ({@code
     * muppet.site.<layer>.int32.<product>.<count>}) over the run.
     */
    static List<IntegerOverflowStat> integerOverflows(Metrics metrics) {
        List<IntegerOverflowStat> out = new ArrayList<>();
        sumSiteMetrics(metrics, List.of("chunks", "chunkOverflows", "sums", "sumOverflows"))
                .forEach(
                        (key, v) -> {
                            int mark = key.lastIndexOf(INT32); // a layer name may hold dots
                            if (mark >= 0) {
                                out.add(
                                        new IntegerOverflowStat(
                                                key.substring(0, mark),
                                                key.substring(mark + INT32.length()),
                                                v[0],
                                                v[1],
                                                v[2],
                                                v[3]));
                            }
                        });
        return out;
    }

    /**
     * Sums every metric named {@code muppet.site.<key>.<field>}, for a field of {@code fields},
     * over its values; returns the sums by key in key order, one slot per field.
     */
    private static Map<String, long[]> sumSiteMetrics(Metrics metrics, List<String> fields) {
        Map<String, long[]> sums = new TreeMap<>();
        for (String name : metrics.getMetricNames()) {
            if (!name.startsWith(SITE_PREFIX)) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            int field = fields.indexOf(name.substring(dot + 1));
            if (field < 0) {
                continue;
            }
            long sum = 0;
            for (Metric m : metrics.getMetric(name)) {
                sum += (long) m.getValue().doubleValue();
            }
            String key = name.substring(SITE_PREFIX.length(), dot);
            sums.computeIfAbsent(key, k -> new long[4])[field] += sum;
        }
        return sums;
    }

    private static double median(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static EpochRecord last(List<EpochRecord> epochs) {
        return epochs.get(epochs.size() - 1);
    }
}
