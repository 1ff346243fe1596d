/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.recipe;

import io.github.muppetdjl.assignment.AssignmentSpec;
import io.github.muppetdjl.cpt.CptConfig;
import io.github.muppetdjl.cpt.CptController;
import io.github.muppetdjl.cpt.CptPolicies;
import io.github.muppetdjl.muppet.MuppetController;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.integer.IntegerArithmetic;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;
import io.github.muppetdjl.quant.schedule.MuppetConfig;
import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.scaling.EnhancedLossScaler;

import java.util.List;

/**
 * The training methods this library implements, as recipes (docs/algorithms.md §6), by name:
 *
 * <ul>
 *   <li>{@code fp32}: nothing quantised, the baseline;
 *   <li>{@code muppet}: MuPPET precision switching (Rajagopal et al., ICML 2020), BFP 8 → 12 → 14 →
 *       16 → FP32 on gradient diversity, resolution 3, patience 2;
 *   <li>{@code bfp8}, {@code bfp12}, {@code bfp14}, {@code bfp16}: one fixed rung of that ladder;
 *   <li>{@code fp8}: FP8 training after Mellempudi et al. (2019): E5M2 weights and activations
 *       (nearest) and errors and weight gradients (stochastic), FP16 master weights with stochastic
 *       rounding, enhanced loss scaling, the first convolution, its batch norm and the last dense
 *       layer kept out of FP8;
 *   <li>{@code fp8-hybrid}: E4M3 forward, E5M2 backward (Micikevicius et al., 2022), FP32 master
 *       weights, enhanced loss scaling, the same layers kept in FP32;
 *   <li>{@code dfp16}: integer DFP16 training (Das et al., ICLR 2018): every conv and dense layer
 *       computes its three products from 16-bit integer mantissas with INT32 chunk sums flushed to
 *       FP32 ({@link #DFP16_ARITHMETIC}); batch norm, activations and the update in FP32 with FP32
 *       master weights;
 *   <li>{@code lee}: precision assignment with promotion (Lee, Sharma and Aiken, TMLR 2023): the
 *       largest tensor groups go to FP8 until 90% of tensor elements are low, the rest stay FP16,
 *       overflowing groups are promoted; {@code lee-r<P>} (P an integer percentage in [0, 100], for
 *       example {@code lee-r50}, {@code lee-r75}, {@code lee-r90}, {@code lee-r100}) targets P%
 *       instead; {@code lee-baseline} is the paper's baseline assignment (all FP8 but the groups of
 *       the first and the last layer), without promotion;
 *   <li>{@code cpt}: CPT cyclic precision (Fu et al., ICLR 2021): range-based linear quantisation,
 *       forward bits cycling between the precision range test's bMin and 8, 8-bit errors, the last
 *       dense layer kept FP32;
 *   <li>{@code cpt-static8}: the same quantiser at a static 8 bits, CPT's baseline.
 * </ul>
 */
public final class Recipes {

    /** Every name {@link #byName} accepts, in the order the help lists them. */
    public static final List<String> NAMES =
            List.of(
                    "fp32",
                    "muppet",
                    "bfp8",
                    "bfp12",
                    "bfp14",
                    "bfp16",
                    "fp8",
                    "fp8-hybrid",
                    "dfp16",
                    "lee",
                    "lee-r50",
                    "lee-r75",
                    "lee-r90",
                    "lee-r100",
                    "lee-baseline",
                    "cpt",
                    "cpt-static8");

    private Recipes() {}

    /**
     * Returns a recipe by name.
     *
     * @param name one of {@link #NAMES}
     * @return the recipe
     * @throws IllegalArgumentException naming the legal names if {@code name} is unknown
     */
    public static Recipe byName(String name) {
        if (name != null) {
            switch (name) {
                case "fp32":
                    return fp32();
                case "muppet":
                    return muppet();
                case "bfp8":
                case "bfp12":
                case "bfp14":
                case "bfp16":
                    return bfp(Integer.parseInt(name.substring(3)));
                case "fp8":
                    return fp8();
                case "fp8-hybrid":
                    return fp8Hybrid();
                case "dfp16":
                    return dfp16();
                case "lee":
                    return lee();
                case "lee-baseline":
                    return leeBaseline();
                case "cpt":
                    return cpt(0);
                case "cpt-static8":
                    return cptStatic(8);
                default:
                    if (name.matches("lee-r(100|[1-9]?[0-9])")) {
                        return lee(Integer.parseInt(name.substring(5)));
                    }
                    break;
            }
        }
        throw new IllegalArgumentException(
                "unknown recipe '" + name + "'; expected one of " + String.join(", ", NAMES));
    }

    /**
     * Full precision everywhere.
     *
     * @return the recipe {@code fp32}
     */
    public static Recipe fp32() {
        return Recipe.builder().setName("fp32").setPolicy(Presets.fp32()).build();
    }

    /**
     * One fixed rung of the MuPPET ladder: per-tensor block floating point with stochastic rounding
     * on weights, activations, errors and weight gradients ({@link Presets#bfp(int)}).
     *
     * @param bits the word, sign included, in [2, 24]
     * @return the recipe {@code bfp<bits>}
     */
    public static Recipe bfp(int bits) {
        return Recipe.builder().setName("bfp" + bits).setPolicy(Presets.bfp(bits)).build();
    }

    /**
     * MuPPET with the paper's ladder, resolution 3 and patience 2.
     *
     * @return the recipe {@code muppet}
     */
    public static Recipe muppet() {
        return muppet(MuppetSwitchingPolicy.builder().build().config());
    }

    /**
     * MuPPET with other settings (for example {@code MuppetSwitchingPolicy.builder()
     * .optResolution(2).build().config()}).
     *
     * @param config ladder, resolution, patience and threshold
     * @return the recipe {@code muppet}
     */
    public static Recipe muppet(MuppetConfig config) {
        return Recipe.builder()
                .setName("muppet")
                .setController(MuppetController.spec(config))
                .build();
    }

    /**
     * FP8 training after Mellempudi et al. (2019).
     *
     * @return the recipe {@code fp8}
     */
    public static Recipe fp8() {
        return keepEndsFp32(Recipe.builder().setName("fp8").setPolicy(Presets.fp8Mellempudi()))
                .optMasterPrecision(new Precision(FloatingPoint.FP16, Rounding.STOCHASTIC))
                .optLossScaler(() -> EnhancedLossScaler.builder().build())
                .build();
    }

    /**
     * The hybrid FP8 recipe: E4M3 forward, E5M2 backward.
     *
     * @return the recipe {@code fp8-hybrid}
     */
    public static Recipe fp8Hybrid() {
        return keepEndsFp32(Recipe.builder().setName("fp8-hybrid").setPolicy(Presets.fp8Hybrid()))
                .optLossScaler(() -> EnhancedLossScaler.builder().build())
                .build();
    }

    /**
     * The integer arithmetic of the {@code dfp16} recipe: shift {@code a = 3} and chunks of 128
     * products, the longest chunk that can never overflow INT32 at that shift; nearest-even
     * rounding of input, weight and error. <b>Our choice</b> (docs/algorithms.md §6.4): the
     * emulation's cost grows with the number of chunks, and at {@code a = 0} only 2 products would
     * fit a chunk safely.
     */
    public static final IntegerArithmetic DFP16_ARITHMETIC =
            IntegerArithmetic.builder().optShift(3).optChunkLength(128).build();

    /**
     * Integer DFP16 training (Das et al., ICLR 2018; docs/algorithms.md §6.4): {@link
     * Presets#dfp16()} switches on the integer path of every conv and dense layer, which computes
     * with {@link #DFP16_ARITHMETIC}.
     *
     * @return the recipe {@code dfp16}
     */
    public static Recipe dfp16() {
        return dfp16(DFP16_ARITHMETIC);
    }

    /**
     * Integer DFP16 training with another arithmetic (shift, chunk length, roundings).
     *
     * @param arithmetic the arithmetic
     * @return the recipe {@code dfp16}
     */
    public static Recipe dfp16(IntegerArithmetic arithmetic) {
        if (arithmetic == null) {
            throw new IllegalArgumentException("arithmetic must not be null");
        }
        return Recipe.builder()
                .setName("dfp16")
                .setPolicy(Presets.dfp16())
                .optIntegerArithmetic(arithmetic)
                .build();
    }

    /**
     * Precision assignment with promotion at the paper's default target of 90% low (docs/
     * algorithms.md §6.6).
     *
     * @return the recipe {@code lee}
     */
    public static Recipe lee() {
        return Recipe.builder()
                .setName("lee")
                .setController(AssignmentSpec.builder().build())
                .build();
    }

    /**
     * Precision assignment with promotion at another target low share.
     *
     * @param percent the target share of low-precision tensor elements, in percent, in [0, 100]
     * @return the recipe {@code lee-r<percent>}
     */
    public static Recipe lee(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in [0, 100], got " + percent);
        }
        return Recipe.builder()
                .setName("lee-r" + percent)
                .setController(AssignmentSpec.builder().optRatio(percent / 100.0).build())
                .build();
    }

    /**
     * The baseline assignment Lee et al. compare with: every tensor group FP8 but those of the
     * first and the last layer, which stay FP16; no promotion.
     *
     * @return the recipe {@code lee-baseline}
     */
    public static Recipe leeBaseline() {
        return Recipe.builder()
                .setName("lee-baseline")
                .setController(
                        AssignmentSpec.builder()
                                .optBaselineAssignment()
                                .optPromotion(false)
                                .build())
                .build();
    }

    /**
     * CPT (docs/algorithms.md §6.5) with the paper's defaults: bMin from the precision range test,
     * bMax 8, 8 backward bits, 32 cycles over the run; the last dense layer kept FP32 and the first
     * convolution quantised (the paper's CIFAR setting). Weights are quantised from their FP32
     * values at every step (the optimizer's master copy holds them).
     *
     * @param totalIterations the run's length in iterations, from which the period follows; 0 when
     *     unknown (period {@value CptConfig#DEFAULT_PERIOD})
     * @return the recipe {@code cpt}
     */
    public static Recipe cpt(long totalIterations) {
        return cpt(CptConfig.builder().optTotalIterations(totalIterations).build());
    }

    /**
     * CPT with other settings, e.g. {@code CptConfig.builder().optBounds(3, 8)}; the last dense
     * layer kept FP32 (derive with {@link Recipe#toBuilder()} to change the sites).
     *
     * @param config the settings
     * @return the recipe {@code cpt}
     */
    public static Recipe cpt(CptConfig config) {
        return Recipe.builder()
                .setName("cpt")
                .setController(CptController.spec(config))
                .optKeepFp32(SiteSelector.lastDense())
                .build();
    }

    /**
     * CPT's quantiser at a static forward width with 8-bit errors: the baseline CPT compares to;
     * the last dense layer kept FP32 as in {@link #cpt(CptConfig)}.
     *
     * @param bits the forward width
     * @return the recipe {@code cpt-static<bits>}
     */
    public static Recipe cptStatic(int bits) {
        return Recipe.builder()
                .setName("cpt-static" + bits)
                .setPolicy(CptPolicies.forBits(bits, 8))
                .optKeepFp32(SiteSelector.lastDense())
                .build();
    }

    private static Recipe.Builder keepEndsFp32(Recipe.Builder b) {
        return b.optKeepFp32(SiteSelector.firstConv())
                .optKeepFp32(SiteSelector.firstConvBatchNorm())
                .optKeepFp32(SiteSelector.lastDense());
    }
}
