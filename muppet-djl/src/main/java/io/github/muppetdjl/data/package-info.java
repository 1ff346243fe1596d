/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Data helpers: Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017) through DJL basicdataset's {@link
 * ai.djl.basicdataset.cv.classification.FashionMnist}, from Debian's package, DJL's download or the
 * subset shipped in this jar.
 */
package io.github.muppetdjl.data;
