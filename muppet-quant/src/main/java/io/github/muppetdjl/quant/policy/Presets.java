/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

import io.github.muppetdjl.quant.format.BlockFloatingPoint;
import io.github.muppetdjl.quant.format.FloatingPoint;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

import java.util.Collection;
import java.util.List;

/**
 * Ready-made policies named after what they are. Each returns a {@link RuleBasedPolicy}, so a
 * caller can derive a variant with {@link RuleBasedPolicy#toBuilder()}. Roles a preset does not
 * mention stay FP32.
 */
public final class Presets {

    /** The roles MuPPET quantises: weights, activations, errors and weight gradients. */
    private static final TensorRole[] COMPUTE_ROLES = {
        TensorRole.WEIGHT, TensorRole.ACTIVATION, TensorRole.ERROR, TensorRole.WEIGHT_GRADIENT
    };

    private Presets() {}

    /**
     * Full precision everywhere; {@code toString()} is {@code fp32{}}.
     *
     * @return the policy
     */
    public static RuleBasedPolicy fp32() {
        return RuleBasedPolicy.builder().optName("fp32").build();
    }

    /**
     * Per-tensor block floating point with stochastic rounding on weights, activations, errors and
     * weight gradients, FP32 master weights and optimizer state: one rung of the MuPPET ladder
     * (Rajagopal et al., ICML 2020). Named {@code bfp<bits>}.
     *
     * @param bits the per-element word, sign included, in [2, 24]
     * @return the policy
     */
    public static RuleBasedPolicy bfp(int bits) {
        Precision p = new Precision(BlockFloatingPoint.perTensor(bits), Rounding.STOCHASTIC);
        return RuleBasedPolicy.builder().optName("bfp" + bits).optGlobal(p, COMPUTE_ROLES).build();
    }

    /**
     * The policy half of integer DFP16 training (Das et al., ICLR 2018; docs/algorithms.md §6.4):
     * it quantises the {@code WEIGHT} role of every conv and dense layer (block types {@code
     * Linear}, {@code Conv1d}, {@code Conv2d}) to {@code bfp(16)} nearest, which switches on the
     * integer path of a quantised layer that has an integer arithmetic set (the {@code dfp16}
     * recipe of muppet-djl sets it); that path converts input, weight and error to DFP16 itself.
     * The optimizer wrapper keeps FP32 master weights. Everything else stays FP32: the sites
     * (activations and errors between layers), batch norm, weight gradients. Named {@code dfp16}.
     *
     * @return the policy
     */
    public static RuleBasedPolicy dfp16() {
        Precision p = new Precision(BlockFloatingPoint.perTensor(16), Rounding.NEAREST_EVEN);
        return RuleBasedPolicy.builder()
                .optName("dfp16")
                .optBlockType("Linear", p, TensorRole.WEIGHT)
                .optBlockType("Conv1d", p, TensorRole.WEIGHT)
                .optBlockType("Conv2d", p, TensorRole.WEIGHT)
                .build();
    }

    /**
     * FP8 training after Mellempudi et al. (Mixed Precision Training With 8-bit Floating Point,
     * 2019): FP8 E5M2 with nearest-even rounding for weights and activations, with stochastic
     * rounding for errors and weight gradients; FP16 master weights updated with stochastic
     * rounding; optimizer state FP32. The listed sites stay FP32 for every role: the paper keeps
     * the first convolution, its batch norm and the last dense layer in high precision; the {@code
     * fp8} recipe of muppet-djl finds those sites in a model by its structure. Named {@code
     * fp8-mellempudi}.
     *
     * @param keepFp32 exact site names kept in FP32; may be empty
     * @return the policy
     */
    public static RuleBasedPolicy fp8Mellempudi(Collection<String> keepFp32) {
        Precision fwd = new Precision(FloatingPoint.FP8_E5M2, Rounding.NEAREST_EVEN);
        Precision bwd = new Precision(FloatingPoint.FP8_E5M2, Rounding.STOCHASTIC);
        Precision master = new Precision(FloatingPoint.FP16, Rounding.STOCHASTIC);
        RuleBasedPolicy.Builder b =
                RuleBasedPolicy.builder()
                        .optName("fp8-mellempudi")
                        .optGlobal(fwd, TensorRole.WEIGHT, TensorRole.ACTIVATION)
                        .optGlobal(bwd, TensorRole.ERROR, TensorRole.WEIGHT_GRADIENT)
                        .optGlobal(master, TensorRole.MASTER_WEIGHT);
        return exempt(b, keepFp32);
    }

    /**
     * {@link #fp8Mellempudi(Collection)} with no exemptions: every site is FP8. Prefer the overload
     * with the model's first conv, its batch norm and last dense layer.
     *
     * @return the policy
     */
    public static RuleBasedPolicy fp8Mellempudi() {
        return fp8Mellempudi(List.of());
    }

    /**
     * The hybrid FP8 recipe (Micikevicius et al., FP8 Formats for Deep Learning, 2022): E4M3 in the
     * forward pass (weights and activations, nearest-even, saturating at ±448 as Transformer
     * Engine's casts do, since there is no per-tensor scaling here), E5M2 in the backward pass
     * (errors and weight gradients, stochastic as in Mellempudi et al.); FP32 master weights and
     * optimizer state. The listed sites stay FP32 for every role. Named {@code fp8-hybrid}.
     *
     * @param keepFp32 exact site names kept in FP32; may be empty
     * @return the policy
     */
    public static RuleBasedPolicy fp8Hybrid(Collection<String> keepFp32) {
        Precision fwd =
                new Precision(FloatingPoint.FP8_E4M3.withSaturation(), Rounding.NEAREST_EVEN);
        Precision bwd = new Precision(FloatingPoint.FP8_E5M2, Rounding.STOCHASTIC);
        RuleBasedPolicy.Builder b =
                RuleBasedPolicy.builder()
                        .optName("fp8-hybrid")
                        .optGlobal(fwd, TensorRole.WEIGHT, TensorRole.ACTIVATION)
                        .optGlobal(bwd, TensorRole.ERROR, TensorRole.WEIGHT_GRADIENT);
        return exempt(b, keepFp32);
    }

    /**
     * {@link #fp8Hybrid(Collection)} with no exemptions.
     *
     * @return the policy
     */
    public static RuleBasedPolicy fp8Hybrid() {
        return fp8Hybrid(List.of());
    }

    private static RuleBasedPolicy exempt(RuleBasedPolicy.Builder b, Collection<String> names) {
        for (String name : names) {
            b.optExactName(name, Precision.FP32);
        }
        return b.build();
    }
}
