/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import io.github.muppetdjl.examples.race.RaceConfig;
import io.github.muppetdjl.examples.race.RaceData;
import io.github.muppetdjl.examples.race.RacePolicies;
import io.github.muppetdjl.examples.race.SmallCnnRace;
import io.github.muppetdjl.quant.cost.Baseline;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.race.RaceBuilder;
import io.github.muppetdjl.race.RaceResult;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.ReportDirectory;
import io.github.muppetdjl.report.RunRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code muppet race}: the library's race ({@link io.github.muppetdjl.race.Race}) on the small CNN
 * and Fashion-MNIST. Prints a table of how each recipe ended, final test accuracy, median ms per
 * step and training time (measured after the same warm-up for every recipe), projected speed-up and
 * memory (estimates), epochs per precision and switch epochs; writes {@code DIR/report.json} and
 * {@code DIR/report.html} with PNG charts. Every argument, and the output directory, is checked
 * before training starts.
 */
@Command(
        name = "race",
        mixinStandardHelpOptions = true,
        description = {
            "Train the same small CNN on Fashion-MNIST under each recipe and compare.",
            "Progress goes to stderr, the table to stdout, reports to --out."
        })
final class RaceCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "30",
            description =
                    "Epochs per recipe (default: ${DEFAULT-VALUE}: ten MuPPET checks at r = 3, enough"
                            + " for it to climb its ladder on the subset)")
    private int epochs;

    @Option(
            names = "--data",
            paramLabel = "auto|subset|full",
            defaultValue = "subset",
            description =
                    "Fashion-MNIST: subset (shipped 10k/2k), full (Debian package or download),"
                            + " auto = full when installed, else subset (default: ${DEFAULT-VALUE})")
    private String dataChoice;

    @Option(
            names = {"--recipes", "--policies"},
            paramLabel = "R,...",
            split = ",",
            defaultValue = "fp32,muppet",
            description =
                    "Recipes to race, in order, of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = RecipeNames.class)
    private List<String> policies;

    /** Lists the recipe names for the help text. */
    static final class RecipeNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return RacePolicies.NAMES.iterator();
        }
    }

    @Option(
            names = "--baseline",
            paramLabel = "fp32|tf32|bf16",
            description =
                    "What projected speed-ups are relative to: FP32 CUDA cores, TF32 tensor cores"
                            + " or BF16 mixed precision (default: tf32 where the target has it,"
                            + " else fp32)")
    private String baseline;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "" + RaceBuilder.DEFAULT_WARMUP,
            description =
                    "Untimed steps every recipe trains before any clock starts (default:"
                            + " ${DEFAULT-VALUE})")
    private int warmup;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "race-report",
            description = "Report directory (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description =
                    "Seed of initialisation, shuffling and rounding (default: ${DEFAULT-VALUE})")
    private int seed;

    @Option(
            names = "--target",
            paramLabel = "t4|h100",
            defaultValue = "h100",
            description =
                    "Throughput table of the projected speed-up, an estimate (default:"
                            + " ${DEFAULT-VALUE})")
    private String target;

    @Option(
            names = "--resolution",
            paramLabel = "R",
            defaultValue = "3",
            description = "MuPPET: check every R epochs (default: ${DEFAULT-VALUE}, the spec's)")
    private int resolution;

    @Option(
            names = "--patience",
            paramLabel = "P",
            defaultValue = "2",
            description =
                    "MuPPET: violations before a switch (default: ${DEFAULT-VALUE}, the spec's)")
    private int patience;

    @Option(
            names = "--limit",
            hidden = true,
            paramLabel = "N",
            defaultValue = "" + Long.MAX_VALUE,
            description = "Keep only the first N samples of each set (quick runs, tests)")
    private long limit;

    @Override
    public Integer call() throws Exception {
        RaceConfig config;
        RaceData.Choice choice;
        try {
            choice = choice(dataChoice);
            ThroughputTable table = table(target);
            config =
                    new RaceConfig(
                            policies,
                            epochs,
                            seed,
                            128,
                            limit,
                            resolution,
                            patience,
                            table,
                            baseline == null
                                    ? Baseline.defaultFor(table)
                                    : Baseline.parse(baseline),
                            warmup);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path dir;
        RaceData data;
        try {
            dir = ReportDirectory.prepare(out);
            data = RaceData.load(choice, config.batchSize(), config.sampleLimit());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("data: Fashion-MNIST " + data.describe() + "; policies: " + config.policies());
        err.flush();
        RaceResult result = SmallCnnRace.run(config, data, err);
        Path html = result.writeReports(dir);
        PrintWriter o = spec.commandLine().getOut();
        o.print(result.table());
        o.println(
                "data: "
                        + data.describe()
                        + ", "
                        + config.epochs()
                        + " epochs, seed "
                        + seed
                        + ", "
                        + config.warmupSteps()
                        + " warm-up steps per recipe");
        o.println(result.projectionNote());
        for (RunRecord r : result.runs()) {
            String trace = diversityTrace(r);
            if (!trace.isEmpty()) {
                o.println(r.policy() + " checks: " + trace);
            }
        }
        o.println("report: " + html);
        o.flush();
        return 0;
    }

    /** Lists each MuPPET check as {@code e2 D=1.234 T=2.234}. */
    static String diversityTrace(RunRecord run) {
        StringBuilder sb = new StringBuilder();
        for (EpochRecord e : run.epochs()) {
            if (e.hasCheck()) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(
                                String.format(
                                        Locale.ROOT,
                                        "epoch %d D=%.4g T=%.4f",
                                        e.epoch(),
                                        e.diversity(),
                                        e.threshold()));
            }
        }
        return sb.toString();
    }

    static RaceData.Choice choice(String text) {
        switch (text) {
            case "auto":
                return RaceData.Choice.AUTO;
            case "subset":
                return RaceData.Choice.SUBSET;
            case "full":
                return RaceData.Choice.FULL;
            default:
                throw new IllegalArgumentException(
                        "--data must be auto, subset or full, got '" + text + "'");
        }
    }

    static ThroughputTable table(String text) {
        switch (text) {
            case "h100":
                return ThroughputTable.h100Sxm();
            case "t4":
                return ThroughputTable.turingT4();
            default:
                throw new IllegalArgumentException(
                        "--target must be t4 or h100, got '" + text + "'");
        }
    }
}
