/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.site;

import ai.djl.ndarray.NDArray;

import io.github.muppetdjl.quant.quantizer.Precision;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which live weights already hold quantised values, so that a quantised layer does not quantise
 * them a second time.
 *
 * <p>The optimizer wrapper writes the quantised weight into the live parameter after every update
 * (docs/algorithms.md §4.4; Micikevicius et al., ICLR 2018). Quantisation is idempotent, so the
 * layer's weight slot would only copy the same values again, and add a straight-through estimator
 * to the graph: on the small CNN that costs about 8% of an FP32 step. (The one exception: a block
 * floating point element rounded onto the most negative integer {@code -2^(w-1)} makes the block's
 * maximum a power of two, and a second pass would move the whole block onto a grid twice as coarse;
 * the layer keeps the optimizer's values, which are on the finer grid.) The wrapper marks each
 * weight it writes with the precision and the context's step at that moment (updates run after the
 * listener has advanced the step, so the mark is current for the next batch's forward); a layer
 * uses the weight as it is only when its slot's precision equals the mark's and the step has not
 * moved on. A weight changed by anything else during that step (say, parameters loaded mid-epoch)
 * must be followed by {@link #clear()}; {@code QuantizedTraining} clears the marks whenever it
 * attaches to a model or training begins.
 *
 * <p>A skipped weight slot counts nothing in its site's statistics; the optimizer's statistics
 * count those weights (role WEIGHT of each parameter).
 *
 * <p>Keyed by the array's uid (arrays compare by content, not identity); one entry per parameter
 * and device, overwritten by every update.
 */
public final class WeightMarks {

    private record Mark(Precision precision, long step) {}

    private final SiteContext context;
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();

    WeightMarks(SiteContext context) {
        this.context = context;
    }

    /**
     * Records that {@code weight} now holds values quantised to {@code precision}.
     *
     * @param weight the live parameter array
     * @param precision the precision its values were quantised to
     */
    public void mark(NDArray weight, Precision precision) {
        marks.put(weight.getUid(), new Mark(precision, context.step()));
    }

    /**
     * Returns whether {@code weight} was quantised to {@code precision} by the latest update of the
     * current step.
     *
     * @param weight the live parameter array
     * @param precision the precision wanted
     * @return true if quantising it again would return the same values
     */
    public boolean isQuantized(NDArray weight, Precision precision) {
        Mark m = marks.get(weight.getUid());
        return m != null && m.step() == context.step() && m.precision().equals(precision);
    }

    /** Forgets every mark: the next forward quantises every weight again. */
    public void clear() {
        marks.clear();
    }
}
