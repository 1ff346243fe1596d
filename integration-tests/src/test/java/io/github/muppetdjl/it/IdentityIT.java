/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;

import io.github.muppetdjl.convert.ConversionReport;
import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.examples.adopt.Examples;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.training.QuantizedTraining;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Identity precision at every site reproduces plain DJL training bit for bit. */
class IdentityIT {

    private static final long SEED = 7;
    private static Dataset train;
    private static List<float[]> plain;

    @BeforeAll
    static void plainRun() throws Exception {
        train = SubsetData.load(Dataset.Usage.TRAIN, 128, true, 128 * 12);
        plain = run(null);
    }

    private static List<float[]> run(QuantizedTraining qt) throws Exception {
        Harness.seed(SEED);
        SequentialBlock net = Examples.smallCnn();
        if (qt != null) {
            ConversionReport report = ModelConverter.convert(net);
            assertEquals(4, report.layersReplaced());
            assertEquals(4, report.sitesInserted());
        }
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(net);
            try (Trainer trainer = Harness.fit(model, qt, 1, train)) {
                if (qt != null) {
                    assertEquals(8, qt.getRegistry().points().size());
                }
                return Harness.parameters(net);
            }
        }
    }

    private static void assertBitIdentical(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i);
            float[] a = actual.get(i);
            assertEquals(e.length, a.length);
            for (int j = 0; j < e.length; j++) {
                if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
                    throw new AssertionError(
                            "parameter " + i + " element " + j + ": " + e[j] + " != " + a[j]);
                }
            }
        }
    }

    @Test
    void fp32PolicyMatchesPlainTraining() throws Exception {
        QuantizedTraining qt =
                QuantizedTraining.builder().setPolicy(PrecisionPolicy.fp32()).optSeed(SEED).build();
        assertBitIdentical(plain, run(qt));
    }

    @Test
    void identityQuantiserThroughTheGraphCutMatchesPlainTraining() throws Exception {
        // float(8,23) is FP32 itself but not flagged as identity, so every site cuts the graph
        // and completes the error pass; the result must still be bit-identical. (Activations are
        // left at FP32 here: a quantised activation is a fresh contiguous array, and PyTorch may
        // pick differently ordered kernels for it than for the layer's own output layout.)
        Precision same = Precision.parse("float(8,23)/nearest");
        assertTrue(!same.isIdentity());
        QuantizedTraining qt =
                QuantizedTraining.builder()
                        .setPolicy(PrecisionPolicy.uniform(Map.of(TensorRole.ERROR, same)))
                        .optSeed(SEED)
                        .build();
        assertBitIdentical(plain, run(qt));
    }
}
