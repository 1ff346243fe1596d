/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import io.github.muppetdjl.nn.QuantizedConv1d;
import io.github.muppetdjl.nn.QuantizedConv2d;
import io.github.muppetdjl.nn.QuantizedLinear;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds the quantised twin of a DJL layer carrying over configuration and parameter values. */
final class LayerCopies {

    private LayerCopies() {}

    static QuantizedLinear linear(Linear old) {
        long units = old.getOutputShapes(new Shape[] {new Shape(1, 1)})[0].tail();
        boolean bias = old.getParameters().keys().contains("bias");
        QuantizedLinear q = QuantizedLinear.builder().setUnits(units).optBias(bias).build();
        transfer(old, q);
        return q;
    }

    static QuantizedConv2d conv2d(Conv2d old) {
        QuantizedConv2d.Builder b = QuantizedConv2d.builder();
        b.setKernelShape(old.getKernelShape())
                .setFilters(old.getFilters())
                .optStride(old.getStride())
                .optPadding(old.getPadding())
                .optDilation(old.getDilation())
                .optGroups(old.getGroups())
                .optBias(old.isIncludeBias());
        QuantizedConv2d q = b.build();
        transfer(old, q);
        return q;
    }

    static QuantizedConv1d conv1d(Conv1d old) {
        QuantizedConv1d q = conv1dOf(old).build();
        transfer(old, q);
        return q;
    }

    private static QuantizedConv1d.Builder conv1dOf(Convolution old) {
        return QuantizedConv1d.builder()
                .setKernelShape(old.getKernelShape())
                .setFilters(old.getFilters())
                .optStride(old.getStride())
                .optPadding(old.getPadding())
                .optDilation(old.getDilation())
                .optGroups(old.getGroups())
                .optBias(old.isIncludeBias());
    }

    /**
     * Moves parameter values (and metadata such as input shapes) from {@code old} to {@code q} by a
     * round trip through DJL's own parameter format, which both classes share. {@code old}'s arrays
     * are left open (a trainer created before the conversion may still sync them); they are freed
     * with the model's manager. Uninitialised layers only carry over their initialisers.
     */
    private static void transfer(Block old, Block q) {
        if (!old.isInitialized()) {
            for (Pair<String, Parameter> p : old.getParameters()) {
                Parameter target = q.getParameters().get(p.getKey());
                if (target != null && p.getValue().getInitializer() != null) {
                    target.setInitializer(p.getValue().getInitializer());
                }
            }
            return;
        }
        NDManager manager = old.getParameters().valueAt(0).getArray().getManager();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream os = new DataOutputStream(bytes)) {
                old.saveParameters(os);
            }
            try (DataInputStream is =
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                q.loadParameters(manager, is);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("layer parameters did not round-trip", e);
        }
    }
}
