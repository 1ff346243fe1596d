/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * In-place conversion of existing DJL models: {@link io.github.muppetdjl.convert.ModelConverter}
 * swaps layers for their quantised subclasses and inserts quantisation sites.
 */
package io.github.muppetdjl.convert;
