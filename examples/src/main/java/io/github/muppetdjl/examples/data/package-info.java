/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Data for the examples, the race and the integration tests: Fashion-MNIST (Xiao, Rasul and
 * Vollgraf, 2017) through DJL basicdataset's {@link
 * ai.djl.basicdataset.cv.classification.FashionMnist}, from Debian's package, DJL's download or the
 * subset shipped in this module's resources. Not part of the library: {@code muppet-quant} and
 * {@code muppet-djl} carry no data set.
 */
package io.github.muppetdjl.examples.data;
