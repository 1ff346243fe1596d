/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Per-site runtime state for quantised training: the shared {@link
 * io.github.muppetdjl.site.SiteContext} (quantiser, seed, step), per-device {@link
 * io.github.muppetdjl.site.SiteState} (statistics and pending error cuts) and the {@link
 * io.github.muppetdjl.site.SiteRegistry} that finds every quantisation point in a block tree and
 * completes the error backward passes.
 */
package io.github.muppetdjl.site;
