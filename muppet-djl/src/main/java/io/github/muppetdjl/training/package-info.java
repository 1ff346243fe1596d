/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The controller a user adds to an existing DJL training loop: {@link
 * io.github.muppetdjl.training.QuantizedTraining} wraps the optimizer and the loss and provides the
 * {@link io.github.muppetdjl.training.QuantizedTrainingListener}.
 */
package io.github.muppetdjl.training;
