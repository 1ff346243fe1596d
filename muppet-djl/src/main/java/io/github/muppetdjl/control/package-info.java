/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Precision that changes while training: a {@link io.github.muppetdjl.control.PrecisionController}
 * plugs into the one training controller ({@link io.github.muppetdjl.training.QuantizedTraining})
 * and is asked, through the hooks of its listener, which {@link
 * io.github.muppetdjl.quant.policy.PrecisionPolicy} applies next. Fixed policies, schedules (by
 * epoch, by step, a user function) and MuPPET precision switching (docs/algorithms.md §6.1) are
 * controllers.
 */
package io.github.muppetdjl.control;
