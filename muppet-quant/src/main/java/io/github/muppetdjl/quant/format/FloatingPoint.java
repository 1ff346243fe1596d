/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.format;

/**
 * An IEEE-style binary floating-point format with {@code exponentBits} exponent and {@code
 * mantissaBits} stored mantissa bits, simulated in FP32 storage. Bias is {@code 2^(e-1)-1};
 * rounding happens once, on the true value (never through an intermediate format).
 *
 * <p>Edge semantics:
 *
 * <ul>
 *   <li>±0 keeps its sign; NaN stays NaN.
 *   <li>With {@code subnormals} the grid below {@link #minNormal()} has step {@link
 *       #minSubnormal()} (gradual underflow); without, the grid there is {@code {0, minNormal}}.
 *   <li>Overflow ({@link Specials#IEEE}): a result beyond {@link #maxFinite()} becomes ±Infinity
 *       under nearest and stochastic rounding, ±max under toward-zero rounding (as IEEE 754
 *       specifies), and ±max whenever {@code saturate} is set. ±Infinity input stays ±Infinity, or
 *       becomes ±max when saturating.
 *   <li>Overflow ({@link Specials#FN}): a result beyond max becomes NaN (±max under toward-zero or
 *       with {@code saturate}); ±Infinity input becomes NaN, or ±max when saturating.
 * </ul>
 *
 * <p>Presets follow Micikevicius et al. (FP8 Formats for Deep Learning, 2022) and Mellempudi et al.
 * (Mixed Precision Training With 8-bit Floating Point, 2019).
 *
 * @param exponentBits exponent field width, in [2, 8] ([2, 7] for FN, whose top binade would
 *     otherwise exceed the FP32 range)
 * @param mantissaBits stored mantissa (fraction) bits, in [0, 23] ([1, 23] for FN)
 * @param subnormals whether gradual underflow is kept
 * @param specials what the top exponent encodes
 * @param saturate whether overflow clamps to ±max instead of producing Infinity/NaN
 */
public record FloatingPoint(
        int exponentBits, int mantissaBits, boolean subnormals, Specials specials, boolean saturate)
        implements NumberFormat {

    /** FP8 E5M2 (IEEE specials): max 57344, min subnormal 2^-16. */
    public static final FloatingPoint FP8_E5M2 = new FloatingPoint(5, 2);

    /** OCP FP8 E4M3 (FN: no infinities): max 448, min subnormal 2^-9. */
    public static final FloatingPoint FP8_E4M3 = new FloatingPoint(4, 3, true, Specials.FN, false);

    /** IEEE binary16. */
    public static final FloatingPoint FP16 = new FloatingPoint(5, 10);

    /** bfloat16. */
    public static final FloatingPoint BF16 = new FloatingPoint(8, 7);

    /** NVIDIA TensorFloat-32 (e8m10). */
    public static final FloatingPoint TF32 = new FloatingPoint(8, 10);

    /** Validates the fields. */
    public FloatingPoint {
        if (specials == null) {
            throw new IllegalArgumentException("specials must not be null");
        }
        // FN with 8 exponent bits would reach 2^128, beyond the FP32 storage every format uses.
        Checks.inRange("exponentBits", exponentBits, 2, specials == Specials.FN ? 7 : 8);
        Checks.inRange("mantissaBits", mantissaBits, specials == Specials.FN ? 1 : 0, 23);
    }

    /**
     * An IEEE-specials format with subnormals and no saturation.
     *
     * @param exponentBits exponent field width, in [2, 8]
     * @param mantissaBits stored mantissa bits, in [0, 23]
     */
    public FloatingPoint(int exponentBits, int mantissaBits) {
        this(exponentBits, mantissaBits, true, Specials.IEEE, false);
    }

    /**
     * Returns this format with overflow clamping to ±max.
     *
     * @return the saturating variant
     */
    public FloatingPoint withSaturation() {
        return new FloatingPoint(exponentBits, mantissaBits, subnormals, specials, true);
    }

    /**
     * Returns the exponent bias {@code 2^(e-1)-1}.
     *
     * @return the bias
     */
    public int bias() {
        return (1 << (exponentBits - 1)) - 1;
    }

    /**
     * Returns the unbiased exponent of {@link #minNormal()}, {@code 1 - bias}.
     *
     * @return the smallest normal exponent
     */
    public int minExponent() {
        return 1 - bias();
    }

    /**
     * Returns the unbiased exponent of the top finite binade.
     *
     * @return the largest exponent of a finite value
     */
    public int maxExponent() {
        int topField = (1 << exponentBits) - (specials == Specials.IEEE ? 2 : 1);
        return topField - bias();
    }

    @Override
    public int bits() {
        return 1 + exponentBits + mantissaBits;
    }

    @Override
    public float maxFinite() {
        // FN reserves the all-ones mantissa of the top binade for NaN.
        int lostUlps = specials == Specials.FN ? 2 : 1;
        double significand = 2.0 - lostUlps * Math.scalb(1.0, -mantissaBits);
        return (float) Math.scalb(significand, maxExponent());
    }

    @Override
    public float minNormal() {
        return Math.scalb(1f, minExponent());
    }

    @Override
    public float minSubnormal() {
        return subnormals ? Math.scalb(1f, minExponent() - mantissaBits) : minNormal();
    }

    @Override
    public String toString() {
        String base = presetName();
        if (base == null) {
            base = "float(" + exponentBits + "," + mantissaBits + ")";
        }
        StringBuilder sb = new StringBuilder(base);
        if (!subnormals) {
            sb.append("-nosub");
        }
        if (saturate) {
            sb.append("-sat");
        }
        return sb.toString();
    }

    private String presetName() {
        if (specials == Specials.FN) {
            return exponentBits == 4 && mantissaBits == 3
                    ? "fp8-e4m3"
                    : "float(" + exponentBits + "," + mantissaBits + ",fn)";
        }
        if (exponentBits == 5 && mantissaBits == 2) {
            return "fp8-e5m2";
        }
        if (exponentBits == 5 && mantissaBits == 10) {
            return "fp16";
        }
        if (exponentBits == 8 && mantissaBits == 7) {
            return "bf16";
        }
        if (exponentBits == 8 && mantissaBits == 10) {
            return "tf32";
        }
        return null;
    }
}
