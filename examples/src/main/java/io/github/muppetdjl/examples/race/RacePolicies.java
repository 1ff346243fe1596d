/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.policy.PrecisionPolicy;
import io.github.muppetdjl.quant.policy.Presets;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;
import io.github.muppetdjl.scaling.EnhancedLossScaler;
import io.github.muppetdjl.scaling.StaticLossScaler;

import java.util.List;

/**
 * The policies a race can run, by name:
 *
 * <ul>
 *   <li>{@code fp32}: plain DJL, the baseline;
 *   <li>{@code muppet}: MuPPET precision switching (Rajagopal et al., ICML 2020), BFP 8 → 12 → 14 →
 *       16 → FP32 with the spec's resolution and patience unless given;
 *   <li>{@code bfp8}, {@code bfp12}, {@code bfp14}, {@code bfp16}: one fixed rung of that ladder
 *       ({@link Presets#bfp(int)});
 *   <li>{@code fp8}: Mellempudi et al. (2019), FP8 E5M2 with FP16 master weights and enhanced loss
 *       scaling, first conv and last dense layer in FP32 ({@link Presets#fp8Mellempudi});
 *   <li>{@code fp8-hybrid}: E4M3 forward, E5M2 backward, same exemptions ({@link
 *       Presets#fp8Hybrid}).
 * </ul>
 */
public final class RacePolicies {

    /** Every name {@link #create} accepts, in the order the help lists them. */
    public static final List<String> NAMES =
            List.of("fp32", "muppet", "bfp8", "bfp12", "bfp14", "bfp16", "fp8", "fp8-hybrid");

    /** The cost network's first conv and last dense layer, which the FP8 recipes keep in FP32. */
    private static final List<String> COST_EXEMPT = List.of("conv1", "fc2");

    private RacePolicies() {}

    /**
     * Creates a fresh contender.
     *
     * @param name one of {@link #NAMES}
     * @param seed the seed of stochastic rounding
     * @param resolution MuPPET's resolution r (checks every r epochs); at least 1
     * @param patience MuPPET's patience; at least 1
     * @return the contender
     * @throws IllegalArgumentException naming the legal names if {@code name} is unknown
     */
    public static Contender create(String name, long seed, int resolution, int patience) {
        switch (name) {
            case "fp32":
                return new FixedContender(
                        "fp32",
                        "fp32",
                        PrecisionPolicy.fp32(),
                        null,
                        seed,
                        StaticLossScaler.none());
            case "muppet":
                return new MuppetContender(seed, resolution, patience);
            case "bfp8":
            case "bfp12":
            case "bfp14":
            case "bfp16":
                int bits = Integer.parseInt(name.substring(3));
                PrecisionPolicy bfp = Presets.bfp(bits);
                String label =
                        new Precision(BlockFloatingPoint.perTensor(bits), Rounding.STOCHASTIC)
                                .toString();
                return new FixedContender(
                        name, label, bfp, sites -> bfp, seed, StaticLossScaler.none());
            case "fp8":
                return new FixedContender(
                        name,
                        "fp8-mellempudi",
                        Presets.fp8Mellempudi(COST_EXEMPT),
                        sites -> Presets.fp8Mellempudi(Presets.mellempudiHighPrecisionSites(sites)),
                        seed,
                        EnhancedLossScaler.builder().build());
            case "fp8-hybrid":
                return new FixedContender(
                        name,
                        "fp8-hybrid",
                        Presets.fp8Hybrid(COST_EXEMPT),
                        sites -> Presets.fp8Hybrid(Presets.mellempudiHighPrecisionSites(sites)),
                        seed,
                        EnhancedLossScaler.builder().build());
            default:
                throw new IllegalArgumentException(
                        "unknown policy '"
                                + name
                                + "'; expected one of "
                                + String.join(", ", NAMES));
        }
    }
}
