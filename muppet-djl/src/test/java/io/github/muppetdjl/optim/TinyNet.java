/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A two-layer network and fixed random batches for training-equivalence tests. */
final class TinyNet implements AutoCloseable {

    static final int BATCH = 8;
    static final int IN = 10;
    static final int CLASSES = 4;

    final Model model;
    final Trainer trainer;

    TinyNet(String name, Optimizer optimizer, Loss loss, TrainingListener... listeners) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(16).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(CLASSES).build());
        model = Model.newInstance(name, Device.cpu());
        model.setBlock(block);
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(loss)
                        .optOptimizer(optimizer)
                        .optDevices(new Device[] {Device.cpu()})
                        .addTrainingListeners(listeners);
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, IN));
    }

    /** Copies every parameter value of {@code other} into this network. */
    void copyParametersFrom(TinyNet other) {
        ParameterList mine = model.getBlock().getParameters();
        ParameterList theirs = other.model.getBlock().getParameters();
        for (int i = 0; i < mine.size(); i++) {
            NDArray target = mine.get(i).getValue().getArray();
            target.set(theirs.get(i).getValue().getArray().toFloatArray());
        }
    }

    /** Returns every parameter's values, concatenated, as raw float bits. */
    int[] parameterBits() {
        List<Integer> bits = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                bits.add(Float.floatToRawIntBits(v));
            }
        }
        return bits.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Runs forward and backward on one batch (loss from the trainer's loss), no step.
     *
     * @return the loss value that was back-propagated
     */
    float backward(NDArray x, NDArray y) {
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList preds = trainer.forward(new NDList(x));
            NDArray loss = trainer.getLoss().evaluate(new NDList(y), preds);
            gc.backward(loss);
            return loss.getFloat();
        }
    }

    /** Creates {@code count} deterministic batches (input, label) on {@code manager}. */
    static List<NDArray[]> batches(NDManager manager, int count, long seed) {
        Random random = new Random(seed);
        List<NDArray[]> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] x = new float[BATCH * IN];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] y = new float[BATCH];
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextInt(CLASSES);
            }
            out.add(
                    new NDArray[] {
                        manager.create(x, new Shape(BATCH, IN)), manager.create(y, new Shape(BATCH))
                    });
        }
        return out;
    }

    static void seedEngine() {
        Engine.getInstance().setRandomSeed(1234);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
