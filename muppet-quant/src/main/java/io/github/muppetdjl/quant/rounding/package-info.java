/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Rounding modes and the counter-based random generator that makes stochastic rounding replayable.
 */
package io.github.muppetdjl.quant.rounding;
