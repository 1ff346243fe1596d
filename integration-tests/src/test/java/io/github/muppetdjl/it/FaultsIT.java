/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.quant.kernel.Quantizers;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.scaling.DynamicLossScaler;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Overflowing gradients skip the step without touching a bit; no crashing data types. */
class FaultsIT {

    private static final Precision BFP8 = Precision.parse("bfp(8)/stochastic");

    private static List<float[]> weights(SequentialBlock net) {
        return Harness.parameters(net);
    }

    private static void batch(Trainer trainer, QuantizedTraining qt, NDArray x, float inject) {
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
            gc.backward(y.square().mean().mul(qt.getLossScaler().scale()));
        }
        if (inject != 0) {
            Parameter p = trainer.getModel().getBlock().getParameters().valueAt(0);
            p.getArray().getGradient().set(new ai.djl.ndarray.index.NDIndex("0, 0"), inject);
        }
        qt.listener().onTrainingBatch(trainer, null);
        trainer.step();
    }

    @Test
    void nonFiniteGradientSkipsTheStepAndBacksOffTheScale() throws Exception {
        for (float bad : new float[] {Float.POSITIVE_INFINITY, Float.NaN}) {
            Harness.seed(1);
            SequentialBlock net =
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(8).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(1).build());
            ModelConverter.convert(net);
            QuantizedTraining qt =
                    QuantizedTraining.builder()
                            .setPolicy(
                                    PrecisionPolicy.uniform(
                                            Map.of(
                                                    TensorRole.WEIGHT, BFP8,
                                                    TensorRole.ACTIVATION, BFP8,
                                                    TensorRole.ERROR, BFP8,
                                                    TensorRole.WEIGHT_GRADIENT, BFP8)))
                            .optLossScaler(
                                    DynamicLossScaler.builder().optInitialScale(1024f).build())
                            .build();
            try (Model model = Model.newInstance("tiny")) {
                model.setBlock(net);
                try (Trainer trainer = model.newTrainer(Harness.config(qt))) {
                    trainer.initialize(new Shape(4, 3));
                    NDArray x = trainer.getManager().randomNormal(new Shape(4, 3));
                    batch(trainer, qt, x, 0);
                    List<float[]> before = weights(net);
                    assertEquals(1024f, qt.getLossScaler().scale());

                    batch(trainer, qt, x, bad);
                    List<float[]> after = weights(net);
                    for (int i = 0; i < before.size(); i++) {
                        float[] b = before.get(i);
                        float[] a = after.get(i);
                        for (int j = 0; j < b.length; j++) {
                            assertEquals(
                                    Float.floatToRawIntBits(b[j]),
                                    Float.floatToRawIntBits(a[j]),
                                    "weight changed on a skipped step (" + bad + ")");
                        }
                    }
                    assertEquals(512f, qt.getLossScaler().scale());
                    assertEquals(1, qt.getOptimizer().skippedUpdates() > 0 ? 1 : 0);

                    batch(trainer, qt, x, 0);
                    assertFalse(
                            java.util.Arrays.equals(before.get(0), weights(net).get(0)),
                            "a clean step after the skip must update again");
                }
            }
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void noLibraryClassMentionsCrashingDataTypes() throws IOException, URISyntaxException {
        // BF16 and INT16 arrays abort the JVM (a native throw); scan the compiled library for
        // classes whose constant pool names DJL's DataType together with one of those constants
        // (a name alone is not enough: the cost model has an INT16 throughput class of its own).
        Pattern bad = Pattern.compile("BFLOAT16|(?<!U)INT16");
        String dataType = "ai/djl/ndarray/types/DataType";
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Class<?> anchor : new Class<?>[] {QuantizedTraining.class, Quantizers.class}) {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f :
                            (Iterable<Path>)
                                    files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                        scanned++;
                        String text = latin1(Files.readAllBytes(f));
                        if (text.contains(dataType) && bad.matcher(text).find()) {
                            offenders.add(f.toString());
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(root.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(jar.entries())) {
                        if (e.getName().endsWith(".class")) {
                            scanned++;
                            byte[] bytes = jar.getInputStream(e).readAllBytes();
                            String text = latin1(bytes);
                            if (text.contains(dataType) && bad.matcher(text).find()) {
                                offenders.add(e.getName());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 20, "scanned only " + scanned + " classes");
        assertTrue(offenders.isEmpty(), "classes referring to BF16/INT16: " + offenders);
    }
}
