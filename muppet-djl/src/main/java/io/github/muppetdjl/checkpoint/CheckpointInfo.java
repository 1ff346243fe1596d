/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

/**
 * What a checkpoint holds, in brief.
 *
 * @param formatVersion the file format version
 * @param epoch the number of epochs completed when it was saved (the next epoch to train)
 * @param step the number of batches completed (the step of the stochastic-rounding keys); give the
 *     inner optimizer of a resumed run {@code optBeginNumUpdate(step)} so its update count (Adam's
 *     bias correction, learning-rate schedules) continues, provided no step was skipped
 * @param seed the stochastic-rounding seed of the run
 * @param recipe the one-line form of the recipe of the run that wrote it
 */
public record CheckpointInfo(int formatVersion, int epoch, long step, long seed, String recipe) {

    /** Validates the fields. */
    public CheckpointInfo {
        if (formatVersion < 1) {
            throw new IllegalArgumentException(
                    "formatVersion must be at least 1, got " + formatVersion);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be at least 0, got " + epoch);
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be at least 0, got " + step);
        }
        if (recipe == null) {
            throw new IllegalArgumentException("recipe must not be null");
        }
    }
}
