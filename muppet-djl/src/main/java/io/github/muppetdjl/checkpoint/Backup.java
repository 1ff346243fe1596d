/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import ai.djl.Model;

import io.github.muppetdjl.checkpoint.CheckpointContents.ParameterData;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.scaling.LossScalerState;
import io.github.muppetdjl.training.QuantizedTraining;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Everything {@link Checkpoints#load} may change, taken before it changes anything, so that a
 * failure while applying can be undone.
 */
record Backup(
        List<ParameterData> parameters,
        LossScalerState scaler,
        byte[] controller,
        byte[] optimizer,
        long step,
        int epochs) {

    static Backup take(Model model, QuantizedTraining qt) throws IOException {
        byte[] optimizer = null;
        QuantizedOptimizer q = qt.getOptimizer();
        if (q != null) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            q.saveState(new DataOutputStream(o));
            optimizer = o.toByteArray();
        }
        return new Backup(
                ModelParameters.read(model),
                qt.getLossScaler().state(),
                Checkpoints.controllerState(qt),
                optimizer,
                qt.getContext().step(),
                qt.getContext().epoch());
    }

    void restore(Model model, QuantizedTraining qt) throws IOException {
        qt.getLossScaler().restore(scaler);
        ModelParameters.write(model, parameters);
        QuantizedOptimizer q = qt.getOptimizer();
        if (q != null && optimizer != null) {
            q.loadState(
                    new DataInputStream(new ByteArrayInputStream(optimizer)), model.getNDManager());
        }
        qt.getController().loadState(new DataInputStream(new ByteArrayInputStream(controller)));
        qt.getContext().setStep(step);
        qt.getContext().setEpoch(epochs);
    }
}
