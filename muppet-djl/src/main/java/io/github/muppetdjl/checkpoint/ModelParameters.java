/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.muppetdjl.checkpoint.CheckpointContents.ParameterData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads, checks and writes a model's parameters in {@code block.getParameters()} order. */
final class ModelParameters {

    private ModelParameters() {}

    static void validate(List<ParameterData> saved, Model model, Path file)
            throws CheckpointException {
        List<Pair<String, Parameter>> live = new ArrayList<>();
        model.getBlock().getParameters().forEach(live::add);
        if (live.size() != saved.size()) {
            throw new CheckpointException(
                    file + ": has " + saved.size() + " parameters, model has " + live.size());
        }
        for (int i = 0; i < saved.size(); i++) {
            ParameterData s = saved.get(i);
            Pair<String, Parameter> p = live.get(i);
            if (!p.getKey().equals(s.name())) {
                throw new CheckpointException(
                        file
                                + ": parameter "
                                + i
                                + " is "
                                + s.name()
                                + ", model has "
                                + p.getKey());
            }
            if (!p.getValue().isInitialized()) {
                throw new CheckpointException(
                        file + ": model parameter " + s.name() + " is not initialised");
            }
            NDArray a = p.getValue().getArray();
            if (a.getDataType() != DataType.FLOAT32 || !a.getShape().equals(new Shape(s.shape()))) {
                throw new CheckpointException(
                        file
                                + ": parameter "
                                + s.name()
                                + " is "
                                + new Shape(s.shape())
                                + " float32, model has "
                                + a.getShape()
                                + " "
                                + a.getDataType());
            }
        }
    }

    static List<ParameterData> read(Model model) {
        List<ParameterData> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(
                        "parameter " + p.getKey() + " must be float32, is " + a.getDataType());
            }
            out.add(new ParameterData(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    static void write(Model model, List<ParameterData> values) {
        int i = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            ParameterData d = values.get(i++);
            NDArray live = p.getValue().getArray();
            try (NDArray src = live.getManager().create(d.values(), new Shape(d.shape()))) {
                if (live.getShape().dimension() == 0) {
                    src.copyTo(live);
                } else {
                    // A full-slice assignment keeps the parameter's storage and autograd identity.
                    live.set(new NDIndex("..."), src);
                }
            }
        }
    }
}
