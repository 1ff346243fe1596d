/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import java.util.Locale;

/**
 * What {@link StepBenchmark} measured: the median wall time of one training step in FP32 and with
 * every site quantised, over the same batches, timed interleaved.
 *
 * @param fp32MsPerStep median milliseconds per FP32 step; above 0
 * @param quantizedMsPerStep median milliseconds per quantised step; above 0
 * @param steps the number of timed steps of each; at least 1
 */
public record StepTiming(double fp32MsPerStep, double quantizedMsPerStep, int steps) {

    /** Validates the fields. */
    public StepTiming {
        if (!(fp32MsPerStep > 0) || !(quantizedMsPerStep > 0)) {
            throw new IllegalArgumentException(
                    "fp32MsPerStep and quantizedMsPerStep must be above 0, got "
                            + fp32MsPerStep
                            + " and "
                            + quantizedMsPerStep);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
    }

    /**
     * Returns how much slower the quantised step is.
     *
     * @return {@code quantizedMsPerStep / fp32MsPerStep}
     */
    public double ratio() {
        return quantizedMsPerStep / fp32MsPerStep;
    }

    /**
     * Formats the result as three lines for the console.
     *
     * @return the text, ending with a newline
     */
    public String toTable() {
        return String.format(
                Locale.ROOT,
                "fp32       %8.2f ms/step%nquantized  %8.2f ms/step  (BFP-8 stochastic on weights,"
                        + " activations, errors, weight gradients)%nratio      %8.3f  (median of %d"
                        + " steps each, interleaved)%n",
                fp32MsPerStep,
                quantizedMsPerStep,
                ratio(),
                steps);
    }
}
