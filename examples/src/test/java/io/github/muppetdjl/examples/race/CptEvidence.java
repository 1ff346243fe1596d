/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.cpt.CptConfig;
import io.github.muppetdjl.cpt.CptController;
import io.github.muppetdjl.cpt.CptCost;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;
import io.github.muppetdjl.report.EpochRecord;
import io.github.muppetdjl.report.RunRecord;
import io.github.muppetdjl.report.SwitchRecord;
import io.github.muppetdjl.training.QuantizedTraining;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gathers CPT's evidence (docs/algorithms.md §6.5): trains the race's small CNN with the same seed
 * and epochs under FP32, CPT with bounds from the precision range test, CPT 3..8 and static 8-bit
 * training with CPT's quantiser, and prints accuracies, the bit-operation saving against static
 * 8-bit and the range test's result. Not a test: run it by hand with the test classpath,
 *
 * <pre>
 * java -cp ... io.github.muppetdjl.examples.race.CptEvidence full|subset EPOCHS [SEED] [NAMES]
 * </pre>
 *
 * where NAMES is a comma-separated subset of fp32,cpt,cpt-3-8,cpt-static8.
 */
public final class CptEvidence {

    private CptEvidence() {}

    /**
     * Runs the comparison.
     *
     * @param args data choice, epochs, optional seed and names
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        RaceData.Choice choice = RaceData.Choice.valueOf(args[0].toUpperCase(Locale.ROOT));
        int epochs = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        String names = args.length > 3 ? args[3] : "fp32,cpt,cpt-3-8,cpt-static8";
        int batch = 128;
        RaceConfig config =
                new RaceConfig(
                        List.of("fp32"),
                        epochs,
                        seed,
                        batch,
                        Long.MAX_VALUE,
                        3,
                        2,
                        ThroughputTable.h100Sxm());
        RaceData data = RaceData.load(choice, batch, Long.MAX_VALUE);
        long total = (data.train().size() + batch - 1) / batch * epochs;
        PrintWriter out = new PrintWriter(System.out, true);
        out.printf(
                Locale.ROOT,
                "data=%s train=%d test=%d epochs=%d seed=%d iterations=%d%n",
                data.source(),
                data.train().size(),
                data.test().size(),
                epochs,
                seed,
                total);
        Race race = new Race(config, data, new PrintWriter(System.err, true));
        for (String name : names.split(",")) {
            Contender c;
            CptContender cpt = null;
            switch (name) {
                case "fp32":
                    c = new RecipeContender(Recipes.fp32(), seed);
                    break;
                case "cpt":
                    c = cpt = new CptContender(Recipes.cpt(total), seed);
                    break;
                case "cpt-3-8":
                    c =
                            cpt =
                                    new CptContender(
                                            Recipes.cpt(
                                                    CptConfig.builder()
                                                            .optBounds(3, 8)
                                                            .optTotalIterations(total)
                                                            .build()),
                                            seed);
                    break;
                case "cpt-static8":
                    c = new RecipeContender(Recipes.cptStatic(8), seed);
                    break;
                default:
                    throw new IllegalArgumentException("unknown name " + name);
            }
            RunRecord r = race.run(c);
            StringBuilder accs = new StringBuilder();
            for (EpochRecord e : r.epochs()) {
                accs.append(String.format(Locale.ROOT, " %.4f", e.testAccuracy()));
            }
            out.printf(
                    Locale.ROOT,
                    "%-12s test accuracy per epoch:%s  wall %.0f s%n",
                    name,
                    accs,
                    r.wallSeconds());
            if (cpt != null) {
                CptController k = cpt.controller();
                CptCost cost = k.cost();
                out.printf(
                        Locale.ROOT,
                        "%-12s bMin=%d bMax=%d period=%d cycleStart=%d prtIterations=%d"
                                + " iterations=%d bitOps/static8=%.4f saving=%.2f%%"
                                + " bitOps/fp32=%.4f changes=%d%n",
                        name,
                        k.minBits(),
                        k.config().maxBits(),
                        k.period(),
                        k.cycleStart(),
                        cost.rangeTestIterations(),
                        cost.iterations(),
                        cost.relative(),
                        100 * cost.saving(),
                        cost.relativeToFp32(),
                        k.bitChanges().size());
            }
        }
    }

    /** A recipe contender that keeps its training controller, to read CPT's state after. */
    private static final class CptContender implements Contender {
        private final Recipe recipe;
        private final QuantizedTraining training;

        CptContender(Recipe recipe, long seed) {
            this.recipe = recipe;
            this.training = QuantizedTraining.builder().setRecipe(recipe).optSeed(seed).build();
        }

        CptController controller() {
            return (CptController) training.getController();
        }

        @Override
        public String name() {
            return recipe.name();
        }

        @Override
        public void prepare(SequentialBlock net) {
            ModelConverter.convert(net);
        }

        @Override
        public Optimizer wrap(Optimizer optimizer) {
            return training.wrap(optimizer);
        }

        @Override
        public Loss wrapLoss(Loss loss) {
            return training.wrapLoss(loss);
        }

        @Override
        public List<TrainingListener> listeners() {
            return List.of(training.listener());
        }

        @Override
        public void initialized(Trainer trainer) {}

        @Override
        public float lossScale() {
            return 1f;
        }

        @Override
        public boolean scalesLoss() {
            return false;
        }

        @Override
        public EpochRecord record(
                int epoch, double trainLoss, double testAccuracy, double seconds) {
            return EpochRecord.of(epoch, "cpt", trainLoss, testAccuracy, seconds, Double.NaN);
        }

        @Override
        public PrecisionPolicy costPolicy(int epoch) {
            return training.getController().policy();
        }

        @Override
        public List<SwitchRecord> switches() {
            return new ArrayList<>();
        }
    }
}
