/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

/**
 * A backward pass that a quantisation point runs itself when its cut is completed, instead of the
 * default one (quantise the cut's gradient, back-propagate it into the target). Integer layers use
 * it to compute their data and weight gradients with integer products (docs/algorithms.md §6.4).
 */
@FunctionalInterface
public interface ErrorPass {

    /**
     * Runs the pass: reads the cut's gradient and seeds the gradients above the cut.
     *
     * @param keepGraph whether passes into the graph above must keep it (see {@link
     *     SiteRegistry#completeErrorPasses(boolean)})
     */
    void run(boolean keepGraph);
}
