/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;

import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.quant.cost.CostModel;
import io.github.muppetdjl.quant.cost.Network;
import io.github.muppetdjl.quant.cost.SpeedupProjection;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.HtmlReportWriter;
import io.github.muppetdjl.report.JsonReportWriter;
import io.github.muppetdjl.report.RunRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the small CNN ({@link Examples#smallCnn()}, Adam, softmax cross-entropy) once per policy
 * on the same data, with the same seed, and records each run: per-epoch precision, loss, test
 * accuracy and time, the switches, the measured wall time and the cost model's projected speed-up
 * over FP32 (an estimate). Every run starts from {@code Engine.setRandomSeed(seed)}, so all
 * policies start from the same weights and see the same batch order, and a run is reproducible.
 */
public final class Race {

    private final RaceConfig config;
    private final RaceData data;
    private final PrintWriter err;

    /**
     * Creates a race.
     *
     * @param config what to train
     * @param data the prepared data
     * @param err where progress bars go; null for none
     */
    public Race(RaceConfig config, RaceData data, PrintWriter err) {
        if (config == null || data == null) {
            throw new IllegalArgumentException("config and data must not be null");
        }
        this.config = config;
        this.data = data;
        this.err = err;
    }

    /**
     * Runs every policy in order.
     *
     * @return one record per policy, in race order
     * @throws IOException if reading the data fails
     * @throws TranslateException if DJL fails to prepare a batch
     */
    public List<RunRecord> run() throws IOException, TranslateException {
        List<RunRecord> runs = new ArrayList<>();
        long steps = (data.train().size() + config.batchSize() - 1) / config.batchSize();
        for (String name : config.policies()) {
            Contender c =
                    RacePolicies.create(
                            name,
                            config.seed(),
                            config.resolution(),
                            config.patience(),
                            steps * config.epochs());
            runs.add(run(c));
        }
        return runs;
    }

    /**
     * Trains one contender.
     *
     * @param contender a fresh contender
     * @return its record
     * @throws IOException if reading the data fails
     * @throws TranslateException if DJL fails to prepare a batch
     */
    public RunRecord run(Contender contender) throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed((int) config.seed());
        long start = System.nanoTime();
        SequentialBlock net = Examples.smallCnn();
        contender.prepare(net);
        DefaultTrainingConfig trainingConfig =
                new DefaultTrainingConfig(contender.wrapLoss(Loss.softmaxCrossEntropyLoss()))
                        .optOptimizer(contender.wrap(Optimizer.adam().build()));
        for (TrainingListener l : contender.listeners()) {
            trainingConfig.addTrainingListeners(l);
        }
        List<EpochRecord> epochs = new ArrayList<>();
        List<PrecisionPolicy> costPolicies = new ArrayList<>();
        try (Model model = Model.newInstance("race-" + contender.name())) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(Examples.INPUT);
                contender.initialized(trainer);
                trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
                for (int e = 0; e < config.epochs(); e++) {
                    epochs.add(epoch(trainer, contender, e));
                    costPolicies.add(contender.costPolicy(e));
                }
                trainer.notifyListeners(l -> l.onTrainingEnd(trainer));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        CostModel cost = new CostModel(Network.smallCnn(), config.target(), config.batchSize());
        double speedup = SpeedupProjection.of(cost, costPolicies, data.train().size()).speedup();
        EpochRecord last = epochs.get(epochs.size() - 1);
        return new RunRecord(
                contender.name(), last.testAccuracy(), wall, speedup, epochs, contender.switches());
    }

    private EpochRecord epoch(Trainer trainer, Contender contender, int e)
            throws IOException, TranslateException {
        ProgressBar bar = new ProgressBar(err);
        String label =
                String.format(
                        Locale.ROOT, "%-7s epoch %d/%d", contender.name(), e + 1, config.epochs());
        long total = (data.train().size() + config.batchSize() - 1) / config.batchSize();
        long t0 = System.nanoTime();
        double lossSum = 0;
        long done = 0;
        for (Batch batch : trainer.iterateDataset(data.train())) {
            try (batch) {
                lossSum += TrainSteps.step(trainer, batch, contender.lossScale());
            }
            done++;
            bar.update(label, done, total, lossSum / done, System.nanoTime() - t0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trainer.notifyListeners(l -> l.onEpoch(trainer));
        double accuracy = Examples.accuracy(trainer, data.test());
        bar.finish(accuracy);
        return contender.record(e, lossSum / Math.max(1, done), accuracy, seconds);
    }

    /**
     * Writes {@code report.json} and {@code report.html} (with its PNG charts) into a directory.
     *
     * @param dir the directory, checked with {@code ReportDirectory.prepare} beforehand
     * @param runs the runs
     * @param target the name of the projection's target
     * @return the HTML report's path
     * @throws IOException if writing fails
     */
    public static Path writeReports(Path dir, List<RunRecord> runs, String target)
            throws IOException {
        new JsonReportWriter(target).write(dir, runs);
        return new HtmlReportWriter(target).write(dir, runs);
    }
}
