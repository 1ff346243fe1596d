/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The race: train one model under several recipes on the same data and seed, and compare accuracy,
 * measured step time, projected cost and memory (estimates) and precision over time
 * (docs/algorithms.md §8.6). Start at {@link io.github.muppetdjl.race.Race#builder()}.
 */
package io.github.muppetdjl.race;
