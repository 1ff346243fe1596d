/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Checkpoint and resume of quantised, precision-switching training: {@link
 * io.github.muppetdjl.checkpoint.Checkpoints} saves the model parameters together with the whole
 * controller state (MuPPET level and sums, loss scale, step counter of the stochastic-rounding
 * keys, master weights and optimizer state) in a versioned, checksummed file, and loads it back all
 * or nothing.
 */
package io.github.muppetdjl.checkpoint;
