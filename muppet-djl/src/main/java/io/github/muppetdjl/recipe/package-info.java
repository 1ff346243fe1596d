/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Training methods as immutable recipes (in the spirit of Transformer Engine's recipes and
 * torch.ao's {@code QConfigMapping}): a {@link io.github.muppetdjl.recipe.Recipe} names the
 * precision controller to create, structural site rules resolved against the converted model, the
 * master-weight precision and the loss scaler; {@link io.github.muppetdjl.recipe.Recipes} holds the
 * methods this library implements (docs/algorithms.md §6).
 */
package io.github.muppetdjl.recipe;
