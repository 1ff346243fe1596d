/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.muppetdjl.quant.cost.CostModel;
import io.github.muppetdjl.quant.cost.Network;
import io.github.muppetdjl.quant.cost.ThroughputTable;
import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code muppet race}: argument checks before training, and a tiny end-to-end race. */
class RaceCommandTest {

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--policies fp32,fp7",
                "--policies fp32,fp32",
                "--data everything",
                "--epochs 0",
                "--epochs many",
                "--target a100",
                "--resolution 0",
                "--patience -1",
                "--seed x"
            })
    void badArgumentsFailWithOneLineBeforeTraining(String args) {
        Path out = tmp.resolve("report");
        CliRun run = CliRun.of(("race --out " + out + " " + args).split(" "));
        assertEquals(MuppetCli.EXIT_USAGE, run.status(), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertTrue(run.err().startsWith("muppet race: "), run.toString());
        assertEquals("", run.out(), run.toString());
        assertFalse(Files.exists(out), "nothing is written for bad arguments");
    }

    @Test
    void unwritableOutFailsBeforeAnyTraining() throws IOException {
        Path file = Files.createFile(tmp.resolve("a-file"));
        long start = System.nanoTime();
        // A directory under a regular file cannot be created, even by root.
        CliRun run = CliRun.of("race", "--out", file.resolve("report").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(MuppetCli.EXIT_USAGE, run.status(), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertTrue(run.err().contains(file.toString()), "names the directory: " + run);
        assertFalse(run.err().contains("data:"), "no data was loaded: " + run);
        assertTrue(seconds < 30, "failed early, took " + seconds + " s");
    }

    @Test
    void tinyRaceWritesTheReports() throws IOException {
        Path out = tmp.resolve("race");
        CliRun run =
                CliRun.of(
                        "race",
                        "--epochs",
                        "2",
                        "--data",
                        "subset",
                        "--limit",
                        "256",
                        "--policies",
                        "fp32,bfp8,muppet",
                        "--resolution",
                        "2",
                        "--out",
                        out.toString(),
                        "--target",
                        "t4",
                        "--warmup",
                        "2");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("recipe") && run.out().contains("bfp8"), run.out());
        assertTrue(run.out().contains("ESTIMATES over FP32 CUDA cores"), run.out());
        assertTrue(run.out().contains("muppet checks: epoch 1 D="), run.out());

        JsonObject json =
                JsonParser.parseString(Files.readString(out.resolve("report.json")))
                        .getAsJsonObject();
        JsonArray runs = json.getAsJsonArray("runs");
        assertEquals(3, runs.size());
        List<String> policies = new ArrayList<>();
        for (JsonElement e : runs) {
            JsonObject r = e.getAsJsonObject();
            policies.add(r.get("policy").getAsString());
            double accuracy = r.get("testAccuracy").getAsDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
            assertTrue(r.get("wallSeconds").getAsDouble() > 0);
            JsonArray epochs = r.getAsJsonArray("epochs");
            assertEquals(2, epochs.size());
            for (int i = 0; i < 2; i++) {
                JsonObject ep = epochs.get(i).getAsJsonObject();
                assertEquals(i, ep.get("epoch").getAsInt());
                assertFalse(ep.get("precision").getAsString().isEmpty());
                assertTrue(Double.isFinite(ep.get("trainLoss").getAsDouble()));
                assertTrue(ep.get("seconds").getAsDouble() > 0);
                double a = ep.get("testAccuracy").getAsDouble();
                assertTrue(a >= 0 && a <= 1);
            }
            assertEquals(
                    epochs.get(1).getAsJsonObject().get("testAccuracy").getAsDouble(),
                    accuracy,
                    "final accuracy is the last epoch's");
            assertTrue(r.get("switches").isJsonArray());
        }
        assertEquals(List.of("fp32", "bfp8", "muppet"), policies);
        JsonObject fp32 = runs.get(0).getAsJsonObject();
        JsonObject bfp8 = runs.get(1).getAsJsonObject();
        JsonObject muppet = runs.get(2).getAsJsonObject();
        assertEquals(1.0, fp32.get("projectedSpeedup").getAsDouble(), 1e-12);
        // An all-BFP-8 run's projection is the ratio of one FP32 epoch to one BFP-8 epoch.
        CostModel t4 = new CostModel(Network.smallCnn(), ThroughputTable.turingT4(), 128);
        double expected =
                t4.epoch(Precision.FP32, 256).projectedSeconds()
                        / t4.epoch(Precision.parse("bfp(8)/stochastic"), 256).projectedSeconds();
        assertEquals(expected, bfp8.get("projectedSpeedup").getAsDouble(), 1e-9 * expected);
        // Two epochs never reach a MuPPET switch; the check after epoch 1 (r = 2) is recorded.
        assertEquals(0, muppet.getAsJsonArray("switches").size());
        JsonObject check = muppet.getAsJsonArray("epochs").get(1).getAsJsonObject();
        double d = check.get("diversity").getAsDouble();
        assertTrue(d >= 0.5 - 1e-6, "diversity of two gradients is at least 1/2, got " + d);
        assertEquals(1 + 1.5 * Math.exp(-0.1), check.get("threshold").getAsDouble(), 1e-9);
        assertEquals(
                bfp8.getAsJsonArray("epochs").get(0).getAsJsonObject().get("precision"),
                muppet.getAsJsonArray("epochs").get(0).getAsJsonObject().get("precision"),
                "MuPPET starts on the ladder's BFP-8 rung");

        // MuPPET trains with MuppetTraining's static scale of 1; plain FP32 has none (null).
        assertEquals(1.0, check.get("lossScale").getAsDouble(), 0.0);
        assertTrue(
                fp32.getAsJsonArray("epochs")
                        .get(0)
                        .getAsJsonObject()
                        .get("lossScale")
                        .isJsonNull());
        assertTrue(Files.exists(out.resolve("loss-scale.png")), "loss-scale chart");

        String html = Files.readString(out.resolve("report.html"));
        List<Path> pngs;
        try (var files = Files.list(out)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertTrue(pngs.size() >= 4, "charts: " + pngs);
        for (Path png : pngs) {
            assertTrue(html.contains(png.getFileName().toString()), "linked: " + png);
            byte[] head = Files.readAllBytes(png);
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
            assertEquals('N', head[2]);
            assertEquals('G', head[3]);
        }
    }
}
