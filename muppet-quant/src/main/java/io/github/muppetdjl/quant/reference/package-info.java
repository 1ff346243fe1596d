/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The scalar reference quantiser: the executable definition of the library's numerics, against
 * which the NDArray and CPU fast paths are tested bit for bit. {@link
 * io.github.muppetdjl.quant.reference.ReferenceTensorQuantizer} runs it over NDArrays (slow; for
 * tests and small tensors).
 */
package io.github.muppetdjl.quant.reference;
