/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Rounding modes, the counter-based random generator that makes stochastic rounding replayable, and
 * the one key space of its streams ({@link io.github.muppetdjl.quant.rounding.StreamKeys}).
 */
package io.github.muppetdjl.quant.rounding;
