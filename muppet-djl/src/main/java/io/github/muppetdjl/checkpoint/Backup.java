/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import ai.djl.Model;

import io.github.muppetdjl.checkpoint.CheckpointContents.ParameterData;
import io.github.muppetdjl.muppet.MuppetTraining;
import io.github.muppetdjl.optim.QuantizedOptimizer;
import io.github.muppetdjl.quant.schedule.MuppetState;
import io.github.muppetdjl.scaling.LossScalerState;

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
        MuppetState muppet,
        byte[] optimizer,
        long step,
        int epochs) {

    static Backup take(Model model, MuppetTraining mt) throws IOException {
        byte[] optimizer = null;
        QuantizedOptimizer q = mt.training().getOptimizer();
        if (q != null) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            q.saveState(new DataOutputStream(o));
            optimizer = o.toByteArray();
        }
        return new Backup(
                Checkpoints.readParameters(model),
                mt.training().getLossScaler().state(),
                mt.switching().state(),
                optimizer,
                mt.training().getContext().step(),
                mt.epochsCompleted());
    }

    void restore(Model model, MuppetTraining mt) throws IOException {
        mt.training().getLossScaler().restore(scaler);
        Checkpoints.writeParameters(model, parameters);
        QuantizedOptimizer q = mt.training().getOptimizer();
        if (q != null && optimizer != null) {
            q.loadState(
                    new DataInputStream(new ByteArrayInputStream(optimizer)), model.getNDManager());
        }
        mt.switching().restore(muppet);
        mt.training().getContext().setStep(step);
        mt.resumeAt(epochs);
    }
}
