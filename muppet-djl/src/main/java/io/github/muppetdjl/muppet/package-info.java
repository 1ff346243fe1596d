/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * MuPPET precision switching (Rajagopal et al., "Multi-Precision Policy Enforced Training", ICML
 * 2020; docs/algorithms.md §6.1) as a precision controller: {@link
 * io.github.muppetdjl.muppet.MuppetController} drives the policy of a {@link
 * io.github.muppetdjl.training.QuantizedTraining} with a {@link
 * io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy}.
 */
package io.github.muppetdjl.muppet;
