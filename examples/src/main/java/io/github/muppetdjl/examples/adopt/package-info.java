/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The three ways to adopt muppet-djl, as runnable mains: {@link
 * io.github.muppetdjl.examples.adopt.DropInListener} (an existing EasyTrain loop plus three lines),
 * {@link io.github.muppetdjl.examples.adopt.QuantizedBlocks} (quantised layers and sites in your
 * own model) and {@link io.github.muppetdjl.examples.adopt.ConvertModelZooModel} (converting a
 * model loaded through {@code Criteria} for quantised fine-tuning).
 */
package io.github.muppetdjl.examples.adopt;
