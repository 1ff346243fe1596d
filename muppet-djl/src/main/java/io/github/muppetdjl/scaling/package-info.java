/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Loss scaling for low-precision training: static, dynamic (Micikevicius et al., "Mixed Precision
 * Training", ICLR 2018) and enhanced with a schedulable floor (Mellempudi et al., "Mixed Precision
 * Training With 8-bit Floating Point", 2019), a {@link ai.djl.training.loss.Loss} wrapper that
 * back-propagates the scaled loss while reporting the unscaled one, and the overflow check that
 * decides whether a step is applied.
 */
package io.github.muppetdjl.scaling;
