/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The race behind {@code muppet race} and {@code muppet bench step}: the same small CNN trained
 * under several precision policies on Fashion-MNIST, one {@link
 * io.github.muppetdjl.examples.race.Contender} per policy, with the records the report writers
 * need. Kept apart from the command-line parsing so that it can be tested and embedded.
 */
package io.github.muppetdjl.examples.race;
