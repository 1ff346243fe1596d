/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.quantizer.StatsAccumulator;
import io.github.muppetdjl.quant.quantizer.TensorQuantizer;
import io.github.muppetdjl.quant.rounding.CounterRng;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Routing, threading, memory and API contracts of the fast path and the NDArray path. */
class FastPathBehaviourTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void vectorKernelIsUsedWhenTheModuleIsPresent() {
        // Surefire runs with --add-modules jdk.incubator.vector, so the self-checked kernel loads.
        assertTrue(ModuleLayer.boot().findModule(KernelLoader.VECTOR_MODULE).isPresent());
        assertTrue(new CpuFastQuantizer(1).isVectorized());
        assertTrue(!new CpuFastQuantizer(1, ScalarKernel.INSTANCE).isVectorized());
    }

    @Test
    void threadCountDoesNotChangeResults() {
        long key = CounterRng.key(5, 6, 7);
        long[] shape = {3, 100_003};
        float[] data = Fixtures.gaussian(300_009, 17, 3f);
        for (String text :
                List.of(
                        "bfp(8)/stochastic",
                        "bfp(6,tile:7)/stochastic",
                        "bfp(8,slice:0)/nearest",
                        "fixed(16,8)/stochastic",
                        "fp8-e5m2/stochastic")) {
            Precision p = Precision.parse(text);
            Fixtures.Result ref = Fixtures.reference(data, shape, p, key);
            for (int threads = 1; threads <= 3; threads++) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.create(data, new Shape(shape));
                    StatsAccumulator stats = new StatsAccumulator();
                    new CpuFastQuantizer(threads).quantizeInPlace(x, p, key, stats);
                    Fixtures.assertBitsEqual(ref.values(), x.toFloatArray(), text + " " + threads);
                    assertEquals(ref.stats(), stats.snapshot(), text + " " + threads);
                }
            }
        }
    }

    @Test
    void largeOddSizeMatchesReference() {
        int n = 1_000_003;
        long key = CounterRng.key(1, 2, 3);
        float[] data = Fixtures.gaussian(n, 99, 0.01f);
        data[12345] = 7f;
        data[n - 1] = -0x1p-140f;
        for (String text : List.of("bfp(8)/stochastic", "fixed(12,6)/nearest", "fp8-e4m3/zero")) {
            Precision p = Precision.parse(text);
            Fixtures.Result ref = Fixtures.reference(data, new long[] {n}, p, key);
            List<TensorQuantizer> paths =
                    text.startsWith("bfp")
                            ? List.of(Quantizers.fast(2), Quantizers.ndarray())
                            : List.of(Quantizers.fast(2));
            for (TensorQuantizer q : paths) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.create(data);
                    StatsAccumulator stats = new StatsAccumulator();
                    q.quantizeInPlace(x, p, key, stats);
                    Fixtures.assertBitsEqual(ref.values(), x.toFloatArray(), text);
                    assertEquals(ref.stats(), stats.snapshot(), text);
                }
            }
        }
    }

    @Test
    void copyLeavesInputUnchangedAndEqualsInPlace() {
        Precision p = Precision.parse("bfp(8,tile:5)/stochastic");
        long key = 12345L;
        float[] data = Fixtures.mixed(1003, 4);
        Fixtures.Result ref = Fixtures.reference(data, new long[] {1003}, p, key);
        for (TensorQuantizer q : List.of(Quantizers.fast(2), Quantizers.ndarray())) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(data);
                StatsAccumulator stats = new StatsAccumulator();
                NDArray y = q.quantize(x, p, key, stats);
                assertNotSame(x, y);
                assertSame(m, y.getManager());
                assertEquals(x.getShape(), y.getShape());
                Fixtures.assertBitsEqual(data, x.toFloatArray(), "input of quantize");
                Fixtures.assertBitsEqual(ref.values(), y.toFloatArray(), "copy");
                assertEquals(ref.stats(), stats.snapshot());
            }
        }
    }

    @Test
    void copyAcrossStagesAndChunksMatchesReference() {
        // 7 x 14051 = 98357 elements: many stages, three chunks on two threads, a ragged end.
        long[] shape = {7, 14051};
        int n = 7 * 14051;
        assertTrue(n > 3 * ChunkRunner.MIN_CHUNK && n % VectorStage.STAGE != 0);
        long key = CounterRng.key(8, 9, 10);
        float[] finite = Fixtures.gaussian(n, 21, 2f);
        float[] mixed = Fixtures.mixed(n, 22);
        // Row 2 all zeros and row 4 holding an infinity: blocks a copy takes over unchanged.
        float[] rows = finite.clone();
        java.util.Arrays.fill(rows, 2 * 14051, 3 * 14051, 0f);
        rows[4 * 14051 + 99] = Float.NEGATIVE_INFINITY;
        for (String text :
                List.of(
                        "bfp(8)/stochastic",
                        "bfp(6,tile:7)/stochastic",
                        "bfp(8,slice:0)/stochastic",
                        "bfp(8,slice:0)/nearest",
                        "fixed(16,8)/stochastic",
                        "fp8-e5m2/stochastic")) {
            Precision p = Precision.parse(text);
            // A per-tensor block holding NaN is left alone: give it finite values to quantise.
            float[] data =
                    text.equals("bfp(8)/stochastic")
                            ? finite
                            : text.startsWith("bfp(8,slice:0)") ? rows : mixed;
            Fixtures.Result ref = Fixtures.reference(data, shape, p, key);
            for (int threads = 1; threads <= 2; threads++) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.create(data, new Shape(shape));
                    StatsAccumulator stats = new StatsAccumulator();
                    NDArray y = new CpuFastQuantizer(threads).quantize(x, p, key, stats);
                    String where = text + " threads " + threads;
                    Fixtures.assertBitsEqual(data, x.toFloatArray(), "input of " + where);
                    Fixtures.assertBitsEqual(ref.values(), y.toFloatArray(), where);
                    assertEquals(ref.stats(), stats.snapshot(), where);
                    assertEquals(x.getShape(), y.getShape(), where);
                }
            }
        }
    }

    @Test
    void noArraysLeakIntoTheCallersManager() {
        float[] data = Fixtures.mixed(777, 8);
        for (TensorQuantizer q : List.of(Quantizers.fast(2), Quantizers.ndarray())) {
            for (String text : List.of("bfp(8,slice:0)/stochastic", "fp8-e5m2/stochastic")) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.create(data, new Shape(7, 111));
                    int before = m.getManagedArrays().size();
                    Precision p = Precision.parse(text);
                    q.quantizeInPlace(x, p, 1L, new StatsAccumulator());
                    q.quantizeInPlace(x, p, 2L, null);
                    assertEquals(before, m.getManagedArrays().size(), "in place " + text);
                    NDArray y = q.quantize(x, p, 3L, new StatsAccumulator());
                    assertEquals(before + 1, m.getManagedArrays().size(), "copy " + text);
                    y.close();
                    assertEquals(before, m.getManagedArrays().size(), "closed copy " + text);
                }
            }
        }
    }

    @Test
    void nonContiguousViewFallsBackAndIsWrittenThrough() {
        Precision p = Precision.parse("fixed(8,3)/stochastic");
        float[] data = Fixtures.gaussian(20, 3, 4f);
        try (NDManager m = manager.newSubManager()) {
            NDArray base = m.create(data, new Shape(4, 5));
            NDArray view = base.transpose();
            float[] viewValues = view.toFloatArray();
            Fixtures.Result ref = Fixtures.reference(viewValues, new long[] {5, 4}, p, 77L);
            int before = m.getManagedArrays().size();
            Quantizers.fast(2).quantizeInPlace(view, p, 77L, null);
            assertEquals(before, m.getManagedArrays().size(), "the probe's copies are released");
            Fixtures.assertBitsEqual(ref.values(), view.toFloatArray(), "view");
            Fixtures.assertBitsEqual(ref.values(), base.transpose().toFloatArray(), "base");
        }
    }

    @Test
    void copyOfChannelsLastLayoutIsQuantizedInLogicalOrder() {
        // duplicate() keeps a channels-last layout (what PyTorch's CPU convolutions return), so
        // the copy is quantised through a packed row-major buffer; element i must still be the
        // logical i that the reference keys its draws by.
        float[] data = Fixtures.gaussian(2 * 3 * 4 * 5, 9, 3f);
        for (String text :
                List.of("bfp(8)/stochastic", "bfp(6,slice:1)/stochastic", "fp8-e5m2/stochastic")) {
            Precision p = Precision.parse(text);
            try (NDManager m = manager.newSubManager()) {
                NDArray nhwc = m.create(data, new Shape(2, 4, 5, 3));
                NDArray nchw = nhwc.transpose(0, 3, 1, 2);
                float[] logical = nchw.toFloatArray();
                Fixtures.Result ref = Fixtures.reference(logical, new long[] {2, 3, 4, 5}, p, 5L);
                int before = m.getManagedArrays().size();
                StatsAccumulator stats = new StatsAccumulator();
                NDArray y = Quantizers.fast(2).quantize(nchw, p, 5L, stats);
                assertEquals(nchw.getShape(), y.getShape(), text);
                assertSame(m, y.getManager(), text);
                assertEquals(
                        before + 1, m.getManagedArrays().size(), "only the copy stays " + text);
                Fixtures.assertBitsEqual(ref.values(), y.toFloatArray(), text);
                Fixtures.assertBitsEqual(logical, nchw.toFloatArray(), "input of " + text);
                assertEquals(ref.stats(), stats.snapshot(), text);
                // The copy keeps the channels-last layout: its NHWC view is packed memory.
                try (NDArray v = y.transpose(0, 2, 3, 1)) {
                    TensorMemory.Source s = TensorMemory.packedSource(v);
                    assertNotNull(s, text);
                    assertNull(s.copy(), "layout of " + text);
                }
            }
        }
    }

    @Test
    void channelsLastTensorsAreQuantisedInTheirOwnMemoryOrder() {
        // The first call learns that the shape is channels-last (through a packed copy), later
        // calls read and write the memory as it is, keying each draw by the row-major index: 32
        // channels take the vector loop, 3 channels the scalar one.
        for (int channels : new int[] {32, 3}) {
            long[] logicalShape = {2, channels, 5, 7};
            float[] data = Fixtures.gaussian(2 * channels * 5 * 7, channels, 3f);
            data[17] = 0x1p-30f; // underflows
            for (String text :
                    List.of("bfp(8)/stochastic", "fixed(8,3)/stochastic", "bfp(6)/nearest")) {
                Precision p = Precision.parse(text);
                CpuFastQuantizer q = new CpuFastQuantizer(2);
                try (NDManager m = manager.newSubManager()) {
                    NDArray nhwc = m.create(data, new Shape(2, 5, 7, channels));
                    NDArray x = nhwc.transpose(0, 3, 1, 2);
                    float[] logical = x.toFloatArray();
                    Fixtures.Result ref = Fixtures.reference(logical, logicalShape, p, 9L);
                    for (int call = 0; call < 3; call++) {
                        String where = text + " C=" + channels + " call " + call;
                        StatsAccumulator stats = new StatsAccumulator();
                        int before = m.getManagedArrays().size();
                        NDArray y = q.quantize(x, p, 9L, stats);
                        assertEquals(before + 1, m.getManagedArrays().size(), where);
                        Fixtures.assertBitsEqual(ref.values(), y.toFloatArray(), where);
                        assertEquals(ref.stats(), stats.snapshot(), where);
                        Fixtures.assertBitsEqual(logical, x.toFloatArray(), "input of " + where);
                        try (NDArray v = y.transpose(0, 2, 3, 1)) {
                            assertNull(TensorMemory.packedSource(v).copy(), "layout " + where);
                        }
                        y.close();
                    }
                    for (int call = 0; call < 2; call++) {
                        String where = text + " C=" + channels + " in place " + call;
                        NDArray z = m.create(data, new Shape(2, 5, 7, channels));
                        NDArray zt = z.transpose(0, 3, 1, 2);
                        StatsAccumulator stats = new StatsAccumulator();
                        assertSame(zt, q.quantizeInPlace(zt, p, 9L, stats));
                        Fixtures.assertBitsEqual(ref.values(), zt.toFloatArray(), where);
                        assertEquals(ref.stats(), stats.snapshot(), where);
                    }
                }
            }
        }
    }

    @Test
    void arraysOnOtherDevicesGoToTheNDArrayPath() {
        NDManager gpuManager = mock(NDManager.class);
        when(gpuManager.newSubManager(any(Device.class)))
                .thenThrow(new IllegalStateException("NDArray path entered"));
        NDArray x = mock(NDArray.class);
        when(x.getDataType()).thenReturn(DataType.FLOAT32);
        when(x.getDevice()).thenReturn(Device.gpu());
        when(x.size()).thenReturn(8L);
        when(x.getShape()).thenReturn(new Shape(8));
        when(x.getManager()).thenReturn(gpuManager);
        Precision p = Precision.parse("bfp(8)/stochastic");
        for (TensorQuantizer q : List.of(Quantizers.best(), new CpuFastQuantizer(2))) {
            IllegalStateException inPlace =
                    assertThrows(
                            IllegalStateException.class, () -> q.quantizeInPlace(x, p, 1L, null));
            assertEquals("NDArray path entered", inPlace.getMessage());
            IllegalStateException copy =
                    assertThrows(IllegalStateException.class, () -> q.quantize(x, p, 1L, null));
            assertEquals("NDArray path entered", copy.getMessage());
        }
        verify(x, never()).toByteBuffer(anyBoolean());
        verify(x, never()).duplicate();
    }

    @Test
    void nonFloat32InputIsRejected() {
        Precision p = Precision.parse("fixed(8,4)");
        try (NDManager m = manager.newSubManager()) {
            for (NDArray x : List.of(m.create(new int[] {1, 2}), m.create(new double[] {1, 2}))) {
                for (TensorQuantizer q : List.of(Quantizers.best(), Quantizers.ndarray())) {
                    IllegalArgumentException e =
                            assertThrows(
                                    IllegalArgumentException.class,
                                    () -> q.quantizeInPlace(x, p, 0L, null));
                    assertTrue(e.getMessage().contains("FLOAT32"), e.getMessage());
                    assertTrue(e.getMessage().contains(x.getDataType().toString()));
                    assertThrows(IllegalArgumentException.class, () -> q.quantize(x, p, 0L, null));
                }
            }
        }
    }

    @Test
    void identityAndEmptyArraysOnlyCount() {
        try (NDManager m = manager.newSubManager()) {
            float[] data = {1.1f, Float.NaN, -3f};
            for (TensorQuantizer q : List.of(Quantizers.best(), Quantizers.ndarray())) {
                NDArray x = m.create(data);
                StatsAccumulator stats = new StatsAccumulator();
                q.quantizeInPlace(x, Precision.FP32, 0L, stats);
                Fixtures.assertBitsEqual(data, x.toFloatArray(), "fp32");
                assertEquals(new QuantStats(3, 0, 0, 0), stats.snapshot());
                NDArray empty = m.create(new Shape(2, 0), DataType.FLOAT32);
                q.quantizeInPlace(empty, Precision.parse("bfp(8)/stochastic"), 0L, stats);
                assertEquals(0, q.quantize(empty, Precision.parse("fp16"), 0L, stats).size());
                assertEquals(new QuantStats(3, 0, 0, 0), stats.snapshot());
            }
        }
    }

    @Test
    void accessorsPickThePaths() {
        assertInstanceOf(CpuFastQuantizer.class, Quantizers.best());
        assertSame(Quantizers.fast(), Quantizers.best());
        assertSame(NDArrayQuantizer.INSTANCE, Quantizers.ndarray());
        assertEquals(1, ((CpuFastQuantizer) Quantizers.fast(1)).threads());
        assertEquals(
                Runtime.getRuntime().availableProcessors(),
                ((CpuFastQuantizer) Quantizers.fast()).threads());
        assertThrows(IllegalArgumentException.class, () -> Quantizers.fast(0));
        assertThrows(IllegalArgumentException.class, () -> new CpuFastQuantizer(0));
    }
}
