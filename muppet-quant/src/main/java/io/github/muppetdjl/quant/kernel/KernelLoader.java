/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Picks the CPU kernel. The vector kernel is named only by reflection, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never loads it (its constant pool refers to the
 * incubator classes), and a JDK whose incubator API differs from Java 17's fails the kernel's
 * self-check and falls back to the plain loop instead of failing mid-training.
 */
final class KernelLoader {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL = "io.github.muppetdjl.quant.kernel.VectorKernel";

    private KernelLoader() {}

    /**
     * Returns the vector kernel when usable, else the scalar kernel.
     *
     * @return the kernel
     */
    static FastKernel load() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return ScalarKernel.INSTANCE;
        }
        try {
            Class<?> type = Class.forName(VECTOR_KERNEL);
            FastKernel kernel = (FastKernel) type.getDeclaredConstructor().newInstance();
            return SelfCheck.agrees(kernel) ? kernel : ScalarKernel.INSTANCE;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return ScalarKernel.INSTANCE;
        }
    }

    /**
     * Throws unless {@code x} is FLOAT32.
     *
     * @param x the array
     * @throws IllegalArgumentException naming the actual type
     */
    static void requireFloat32(NDArray x) {
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "quantizers take FLOAT32 arrays, got " + x.getDataType());
        }
    }
}
