/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Replaces DJL's first-step gradient check by a sound one. Before its first {@code step()}, DJL's
 * {@code Trainer} adds up every gradient <em>with its sign</em> and refuses to train when the total
 * is exactly zero ("Gradient values are all zeros"). Gradients that cancel exactly are legitimate:
 * with an all-zero input and zero biases, the only non-zero gradient is the last layer's bias,
 * whose softmax cross-entropy entries sum to zero. In FP32 a rounding remainder usually saves plain
 * DJL by luck; on a quantisation grid the sum is exact and the check fires. This check asks instead
 * whether any gradient element is non-zero, fails with DJL's message when none is (the backward
 * pass really was forgotten), and otherwise marks DJL's check as done. Should a future DJL rename
 * the private flag, DJL's own check simply runs as before.
 */
final class FirstStepCheck {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStepCheck.class);

    private FirstStepCheck() {}

    static void run(Trainer trainer, ParameterList parameters) {
        boolean any = false;
        boolean trainable = false;
        for (Pair<String, Parameter> pair : parameters) {
            Parameter p = pair.getValue();
            if (!p.isInitialized() || !p.requiresGradient() || !p.getArray().hasGradient()) {
                continue;
            }
            trainable = true;
            try (NDArray g = p.getArray().getGradient();
                    NDArray nz = g.neq(0f);
                    NDArray anyNz = nz.any()) {
                if (anyNz.getBoolean()) {
                    any = true;
                    break;
                }
            }
        }
        if (!trainable || !any) {
            return; // DJL's own check runs and decides
        }
        try {
            Field f = Trainer.class.getDeclaredField("gradientsChecked");
            f.setAccessible(true);
            f.setBoolean(trainer, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("DJL's first-step gradient check stays in place: {}", e.toString());
        }
    }
}
