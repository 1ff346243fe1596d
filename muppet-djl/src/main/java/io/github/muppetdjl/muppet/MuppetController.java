/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.muppet;

import io.github.muppetdjl.control.GradientView;
import io.github.muppetdjl.control.PrecisionController;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.schedule.MuppetConfig;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * MuPPET precision switching (Rajagopal et al., "Multi-Precision Policy Enforced Training", ICML
 * 2020; docs/algorithms.md §6.1) as a {@link PrecisionController}: the policy is the current level
 * of a {@link MuppetSwitchingPolicy} (by default the ladder BFP 8 → 12 → 14 → 16 → FP32, stochastic
 * rounding, resolution 3, patience 2). Use it through the {@code muppet} recipe:
 *
 * <pre>{@code
 * QuantizedTraining qt = QuantizedTraining.builder().setRecipe(Recipes.muppet()).build();
 * }</pre>
 *
 * <p>Epochs are numbered from 0 in the order DJL ends them.
 *
 * <ol>
 *   <li>{@link #afterBackward}: on the last batch of each epoch (after the error passes, before the
 *       optimizer step) it adds each parameter's unscaled gradient to the policy's {@link
 *       MuppetSwitchingPolicy#gradientDiversity() gradient-diversity} sums, one entry per parameter
 *       tensor, keyed by the parameter's path (so the sums survive a checkpoint into a freshly
 *       built model). The last batch is the one whose progress reaches the data set's total. When
 *       the total is unknown or a batch could be the last of a drop-last sampler, a copy of that
 *       batch's gradients is kept, and at the end of the epoch the most recent copy is used if no
 *       batch was recognised as the last;
 *   <li>{@link #onEpochEnd}: {@link MuppetSwitchingPolicy#onEpochEnd(int)} (checks at {@code (e +
 *       1) mod r == 0}); a switch changes the policy, which the training controller applies to
 *       every site and parameter before epoch {@code e + 1}. Entering FP32 stops quantisation and
 *       gradient collection; the live weights then take the master weights' values, as on every
 *       policy change.
 * </ol>
 *
 * <p>A batch whose step the loss scaler skipped (non-finite gradients) still counts as the epoch's
 * last batch; its non-finite gradients make {@code D} NaN, and the policy skips that check.
 *
 * <p>With resolution {@code r = 1} every check sees one gradient per tensor, whose diversity is
 * exactly 1, so {@code D} never falls below {@code maxD} and nothing ever switches: {@code r >= 2}
 * is needed for switching.
 *
 * <p>State (level, violations, {@code maxD}, diversity sums and history) is checkpointed through
 * {@link #saveState}; not thread-safe beyond DJL's single training thread.
 */
public final class MuppetController implements PrecisionController {

    private final MuppetSwitchingPolicy switching;
    private final LastBatchGradients lastBatch = new LastBatchGradients();

    private MuppetController(MuppetConfig config) {
        this.switching = new MuppetSwitchingPolicy(config);
    }

    /**
     * Returns the spec of a MuPPET controller.
     *
     * @param config the ladder, resolution, patience and threshold
     * @return the spec
     * @throws IllegalArgumentException if the config is null
     */
    public static PrecisionController.Spec spec(MuppetConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new PrecisionController.Spec() {
            @Override
            public PrecisionController create() {
                return new MuppetController(config);
            }

            @Override
            public String toString() {
                return describe(config);
            }
        };
    }

    private static String describe(MuppetConfig config) {
        return "muppet(" + config + ")";
    }

    /**
     * Returns the switching policy (level, diversity trace, switches).
     *
     * @return the policy this controller drives
     */
    public MuppetSwitchingPolicy switching() {
        return switching;
    }

    @Override
    public PrecisionPolicy policy() {
        return switching.currentPolicy();
    }

    @Override
    public synchronized PrecisionPolicy afterBackward(GradientView gradients) {
        if (!switching.isFullPrecision()) {
            lastBatch.onBatch(gradients, switching.gradientDiversity());
        }
        return policy();
    }

    @Override
    public synchronized PrecisionPolicy onEpochEnd(int epoch, Map<String, Double> evaluations) {
        if (!switching.isFullPrecision()) {
            lastBatch.onEpochEnd(switching.gradientDiversity());
        }
        switching.onEpochEnd(epoch);
        if (switching.isFullPrecision()) {
            lastBatch.clear();
        }
        return policy();
    }

    @Override
    public synchronized void saveState(DataOutputStream out) throws IOException {
        switching.save(out);
    }

    @Override
    public synchronized void loadState(DataInputStream in) throws IOException {
        switching.load(in);
        lastBatch.clear();
    }

    @Override
    public String toString() {
        return describe(switching.config());
    }
}
