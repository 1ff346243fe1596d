/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Pair;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;
import io.github.muppetdjl.training.QuantizedTrainingBuilder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A quantised run replays bit for bit in another JVM: the same seed gives the same final
 * parameters, although DJL's parameter ids differ from run to run (the optimizer wrapper keys its
 * random streams by parameter names). Each run trains in a JVM of its own, started like the build's
 * test JVMs, and prints a SHA-256 of every parameter's raw float bits.
 */
class CrossJvmReplayIT {

    private static final String PREFIX = "PARAMETER-SHA256 ";
    private static final int BATCH = 64;
    private static final int BATCHES = 6;

    @ParameterizedTest
    @ValueSource(strings = {"bfp8", "fp8-dynamic"})
    void twoJvmsTrainTheSameBits(String config) throws Exception {
        String first = runInNewJvm(config, 42);
        String second = runInNewJvm(config, 42);
        assertEquals(first, second, config + ": the two JVMs' final parameters differ");
        if (config.equals("bfp8")) {
            // The hash depends on the run: another seed gives other bits.
            assertNotEquals(first, runInNewJvm(config, 43), "the seed changed nothing");
        }
    }

    private static String runInNewJvm(String config, long seed)
            throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // As the build's surefire and failsafe configuration: the fast path's Vector API code.
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-Xmx2g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrossJvmReplayIT.class.getName());
        command.add(config);
        command.add(Long.toString(seed));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "child JVM timed out");
        assertEquals(0, process.exitValue(), "child JVM failed:\n" + output);
        for (String line : output.split("\\R")) {
            if (line.startsWith(PREFIX)) {
                return line.substring(PREFIX.length()).trim();
            }
        }
        throw new AssertionError("no hash in the child JVM's output:\n" + output);
    }

    /**
     * The child JVM: trains {@value #BATCHES} batches of the shipped subset and prints the hash.
     *
     * @param args the configuration ({@code bfp8} or {@code fp8-dynamic}) and the seed
     */
    public static void main(String[] args) throws Exception {
        String config = args[0];
        long seed = Long.parseLong(args[1]);
        Harness.seed(seed);
        SequentialBlock net = Examples.smallCnn();
        ModelConverter.convert(net);
        QuantizedTrainingBuilder qt = QuantizedTraining.builder().optSeed(seed);
        switch (config) {
            case "bfp8" -> qt.setPolicy(Presets.bfp(8));
            case "fp8-dynamic" ->
                    qt.setPolicy(Presets.fp8Mellempudi())
                            .optLossScaler(DynamicLossScaler.builder().build());
            default -> throw new IllegalArgumentException(config);
        }
        Dataset train = SubsetData.load(Dataset.Usage.TRAIN, BATCH, true, BATCH * BATCHES);
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(net);
            try (Trainer trainer = Harness.fit(model, qt.build(), 1, train)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (Pair<String, Parameter> p : net.getParameters()) {
                    sha.update(p.getKey().getBytes(StandardCharsets.UTF_8));
                    float[] values = p.getValue().getArray().toFloatArray();
                    ByteBuffer bits = ByteBuffer.allocate(values.length * Float.BYTES);
                    for (float v : values) {
                        bits.putInt(Float.floatToRawIntBits(v));
                    }
                    sha.update(bits.array());
                }
                System.out.println(PREFIX + HexFormat.of().formatHex(sha.digest()));
            }
        }
    }
}
