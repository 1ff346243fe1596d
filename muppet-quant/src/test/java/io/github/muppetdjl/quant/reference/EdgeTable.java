/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.muppetdjl.quant.format.FixedPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.format.NumberFormat;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.quantizer.QuantStats;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of (input, expected output) rows for one element-wise format and rounding, checked
 * through both the array entry point and the per-element entry point of {@link ScalarQuantizer},
 * together with the expected {@link QuantStats}. Expected values are derived by hand in each test.
 */
final class EdgeTable {

    private final NumberFormat format;
    private final Rounding rounding;
    private final List<float[]> rows = new ArrayList<>();

    private EdgeTable(NumberFormat format, Rounding rounding) {
        this.format = format;
        this.rounding = rounding;
    }

    static EdgeTable of(NumberFormat format, Rounding rounding) {
        return new EdgeTable(format, rounding);
    }

    EdgeTable row(float input, float expected) {
        rows.add(new float[] {input, expected});
        return this;
    }

    /** Checks every row and the tally of the whole table. */
    void check(long saturated, long underflowed, long nonFinite) {
        int n = rows.size();
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = rows.get(i)[0];
        }
        QuantStats stats =
                ScalarQuantizer.quantize(
                        data, new long[] {n}, new Precision(format, rounding), 1234L);
        ScalarQuantizer.Counts counts = new ScalarQuantizer.Counts();
        for (int i = 0; i < n; i++) {
            float in = rows.get(i)[0];
            float expected = rows.get(i)[1];
            String where = format + "/" + rounding.shortName() + " of " + describe(in);
            assertSameValue(expected, data[i], where + " (array path)");
            float single;
            if (format instanceof FloatingPoint fp) {
                single = ScalarQuantizer.quantize(in, fp, rounding, 0, counts);
            } else if (format instanceof FixedPoint fixed) {
                single = ScalarQuantizer.quantize(in, fixed, rounding, 0, counts);
            } else {
                throw new IllegalStateException("element-wise formats only: " + format);
            }
            assertSameValue(expected, single, where + " (element path)");
        }
        QuantStats want = new QuantStats(n, saturated, underflowed, nonFinite);
        assertEquals(want, stats, format + "/" + rounding.shortName() + " stats (array path)");
        assertEquals(want, counts.toStats(), format + " stats (element path)");
    }

    /** Bit equality, except that any NaN matches any NaN. */
    static void assertSameValue(float expected, float actual, String where) {
        if (Float.isNaN(expected) && Float.isNaN(actual)) {
            return;
        }
        if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual)) {
            fail(where + ": expected " + describe(expected) + " but got " + describe(actual));
        }
    }

    static String describe(float x) {
        return x + " (" + Float.toHexString(x) + ")";
    }
}
