/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import io.github.muppetdjl.convert.ConversionReport;
import io.github.muppetdjl.convert.ModelConverter;
import io.github.muppetdjl.nn.QuantizationSite;
import io.github.muppetdjl.nn.QuantizedLayer;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Every conv and dense layer of a converted ResNet-20 reads its input on the grid of the policy's
 * activation precision: checked on the values each layer actually receives in a forward pass.
 */
class LayerInputPrecisionIT {

    /** Fixed point with step 1/64 and range ±512: on the grid iff 64x is an integer in range. */
    private static final Precision GRID = Precision.parse("fixed(16,6)/nearest");

    private static final Shape IMAGE = new Shape(2, 1, 28, 28);

    /** Records the input of the layer after it and passes it on unchanged. */
    private static final class Probe extends AbstractBlock {
        final String layer;
        float[] seen;

        Probe(String layer) {
            this.layer = layer;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            seen = in.singletonOrThrow().toFloatArray();
            return in;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    /** Puts a probe before every quantised layer of every sequential block under {@code b}. */
    private static void probe(Block b, String path, List<Probe> out) {
        for (Pair<String, Block> c : b.getChildren()) {
            String p = path.isEmpty() ? c.getKey() : path + "." + c.getKey();
            probe(c.getValue(), p, out);
        }
        if (b instanceof SequentialBlock seq) {
            List<Block> rebuilt = new ArrayList<>();
            for (Pair<String, Block> c : seq.getChildren()) {
                if (c.getValue() instanceof QuantizedLayer) {
                    Probe probe = new Probe(path.isEmpty() ? c.getKey() : path + "." + c.getKey());
                    out.add(probe);
                    rebuilt.add(probe);
                }
                rebuilt.add(c.getValue());
            }
            while (!seq.getChildren().isEmpty()) {
                seq.removeLastBlock();
            }
            seq.addAll(rebuilt);
        }
    }

    private static boolean onGrid(float v) {
        double s = v * 64.0;
        return s == Math.rint(s) && Math.abs(s) <= 32768;
    }

    @Test
    void everyConvAndDenseLayerOfResNet20ReadsAQuantisedInput() {
        SequentialBlock net =
                (SequentialBlock)
                        ResNetV1.builder()
                                .setImageShape(new Shape(1, 28, 28))
                                .setNumLayers(20)
                                .setOutSize(10)
                                .build();
        ConversionReport report = ModelConverter.convert(net);
        assertEquals(23, report.layersReplaced());
        assertEquals(21, report.leftAsIs().size(), "the 21 batch norms: " + report.leftAsIs());
        assertTrue(report.leftAsIs().stream().allMatch(p -> p.endsWith("BatchNorm")));
        // The model's input is the user's to quantise (README's second way): a site first.
        List<Block> top = new ArrayList<>(net.getChildren().values());
        assertFalse(top.get(0) instanceof QuantizationSite, "conversion leaves the input alone");
        while (!net.getChildren().isEmpty()) {
            net.removeLastBlock();
        }
        net.add(QuantizationSite.builder().optName("input").build()).addAll(top);

        List<Probe> probes = new ArrayList<>();
        probe(net, "", probes);
        assertEquals(23, probes.size());
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, IMAGE);
            SiteRegistry.scan(net, SiteContext.standalone())
                    .applyPolicy(PrecisionPolicy.uniform(Map.of(TensorRole.ACTIVATION, GRID)));
            Random r = new Random(11);
            float[] x = new float[(int) IMAGE.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            net.forward(new ParameterStore(m, false), new NDList(m.create(x, IMAGE)), false);
        }
        List<String> offGrid = new ArrayList<>();
        for (Probe p : probes) {
            boolean ok = p.seen != null;
            for (int i = 0; ok && i < p.seen.length; i++) {
                ok = onGrid(p.seen[i]);
            }
            if (!ok) {
                offGrid.add(p.layer);
            }
        }
        assertEquals(List.of(), offGrid, offGrid.size() + " of 23 layers read FP32 inputs");
    }
}
