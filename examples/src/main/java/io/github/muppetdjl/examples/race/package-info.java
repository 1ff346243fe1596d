/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The examples' uses of the library's race ({@link io.github.muppetdjl.race.Race}): the small CNN
 * on Fashion-MNIST behind {@code muppet race} ({@link
 * io.github.muppetdjl.examples.race.SmallCnnRace}), DJL's ResNet-20 as a second architecture
 * ({@link io.github.muppetdjl.examples.race.ResNetRace}), and the step benchmark behind {@code
 * muppet bench step}. Kept apart from the command-line parsing so that it can be tested and
 * embedded.
 */
package io.github.muppetdjl.examples.race;
