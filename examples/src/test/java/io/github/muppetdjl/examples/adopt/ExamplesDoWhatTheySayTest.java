/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.reference.ScalarQuantizer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every adoption example's {@code main} on the shipped subset with a small limit and checks
 * what its javadoc and the README say it does, so that an example that stops doing it fails the
 * build. Accuracy after a few batches is only required to beat chance (10 classes) clearly.
 */
class ExamplesDoWhatTheySayTest {

    private static final String[] SMALL = {"--limit", "512", "--data", "subset"};
    private static final double BETTER_THAN_CHANCE = 0.2;

    /** Runs a main and returns what it printed. */
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static String run(Main main, String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run(args);
        } finally {
            System.setOut(saved);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        saved.print(out);
        return out;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex + "(\\d+\\.\\d+)").matcher(out);
        assertTrue(m.find(), "no line matching " + regex + " in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void dropInListenerTrainsInBfp8AndPrintsItsAccuracy() throws Exception {
        String out = run(DropInListener::main, SMALL);
        assertTrue(number(out, "data: SUBSET, BFP-8 test accuracy: ") > BETTER_THAN_CHANCE, out);
    }

    @Test
    void quantizedBlocksUsesThePrecisionsItsJavadocStates() throws Exception {
        String out = run(QuantizedBlocks::main, SMALL);
        String e4m3 = "fp8-e4m3/nearest";
        String e5m2 = "fp8-e5m2/stochastic";
        // The policy's weight precision overrides every layer's, and the inputs keep the slots.
        assertTrue(out.contains(": weight " + e4m3 + ", input " + e4m3 + ", output fp32"), out);
        assertEquals(2, count(out, "weight " + e4m3 + ", input " + e4m3 + ", output fp32"), out);
        assertEquals(1, count(out, "weight " + e4m3 + ", input fp32, output fp32"), out);
        assertTrue(out.contains("conv: activation fp32, error " + e5m2), out);
        assertTrue(out.contains("fc: activation fp32, error " + e5m2), out);
        assertTrue(number(out, "test accuracy: ") > BETTER_THAN_CHANCE, out);
    }

    @Test
    void convertedModelFineTunesInFp8AndSavesAFilePlainDjlLoads() throws Exception {
        String out = run(ConvertModelZooModel::main, SMALL);
        assertTrue(out.contains("converted: "), out);
        assertTrue(number(out, "before: ") > BETTER_THAN_CHANCE, out);
        assertTrue(number(out, "after FP8 fine-tuning: ") > BETTER_THAN_CHANCE, out);
        Matcher m = Pattern.compile("saved cnn-fp8 parameters in (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        Path dir = Path.of(m.group(1));
        assertTrue(Files.isRegularFile(dir.resolve("cnn-fp8-0000.params")), dir.toString());

        // The plain DJL architecture loads the file, and every weight it holds is an E5M2 value:
        // the fine-tuned weights were trained and saved in FP8.
        Precision e5m2 = Precision.parse("fp8-e5m2/nearest");
        try (Model plain = Model.newInstance("cnn-fp8")) {
            plain.setBlock(Examples.smallCnn());
            plain.load(dir, "cnn-fp8");
            int checked = 0;
            for (Pair<String, Parameter> p : plain.getBlock().getParameters()) {
                NDArray a = p.getValue().getArray();
                float[] v = a.toFloatArray();
                float[] q = v.clone();
                ScalarQuantizer.quantize(q, a.getShape().getShape(), e5m2, 0L);
                for (int i = 0; i < v.length; i++) {
                    assertEquals(
                            Float.floatToRawIntBits(v[i]),
                            Float.floatToRawIntBits(q[i]),
                            p.getKey() + "[" + i + "] = " + v[i] + " is not an E5M2 value");
                }
                checked++;
            }
            assertEquals(8, checked, "four layers, weight and bias each");
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
