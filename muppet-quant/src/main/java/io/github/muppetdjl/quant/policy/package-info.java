/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/** Precision policies: which precision each tensor role of each quantisation site gets. */
package io.github.muppetdjl.quant.policy;
