/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Precision over the course of training (docs/algorithms.md §6 and §7.2): {@link
 * io.github.muppetdjl.quant.schedule.PrecisionSchedule} (fixed, by epoch, by step, a user
 * function), {@link io.github.muppetdjl.quant.schedule.ActivePolicy} (the policy in force and a
 * generation counter that tells per-site code to re-resolve at the next batch), the MuPPET
 * precision-switching controller ({@link io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy},
 * {@link io.github.muppetdjl.quant.schedule.PrecisionLadder}, {@link
 * io.github.muppetdjl.quant.schedule.GradientDiversity}) and CPT's cyclic precision formula ({@link
 * io.github.muppetdjl.quant.schedule.CyclicPrecisionSchedule}). Everything here is pure logic over
 * plain Java values: no NDArray and no engine.
 */
package io.github.muppetdjl.quant.schedule;
