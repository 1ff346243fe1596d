/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.cpt;

import io.github.muppetdjl.quant.format.RangeLinear;
import io.github.muppetdjl.quant.policy.RuleBasedPolicy;
import io.github.muppetdjl.quant.policy.TensorRole;
import io.github.muppetdjl.quant.quantizer.Precision;
import io.github.muppetdjl.quant.rounding.Rounding;

/** The precision policies CPT trains with (docs/algorithms.md §6.5). */
public final class CptPolicies {

    private CptPolicies() {}

    /**
     * CPT's quantisers at a forward and a backward width: weights {@code range(fw,slice:0)} (one
     * range per output channel) and activations {@code range(fw)} with nearest rounding, errors
     * {@code range(bw)} with stochastic rounding; weight gradients, optimizer state and master
     * weights stay FP32. Named {@code cpt<fw>/<bw>}.
     *
     * @param forwardBits the weight and activation width, in [1, 24]
     * @param backwardBits the error width, in [1, 24]
     * @return the policy
     */
    public static RuleBasedPolicy forBits(int forwardBits, int backwardBits) {
        return RuleBasedPolicy.builder()
                .optName("cpt" + forwardBits + "/" + backwardBits)
                .optGlobal(
                        new Precision(RangeLinear.perChannel(forwardBits), Rounding.NEAREST_EVEN),
                        TensorRole.WEIGHT)
                .optGlobal(
                        new Precision(RangeLinear.perTensor(forwardBits), Rounding.NEAREST_EVEN),
                        TensorRole.ACTIVATION)
                .optGlobal(
                        new Precision(RangeLinear.perTensor(backwardBits), Rounding.STOCHASTIC),
                        TensorRole.ERROR)
                .build();
    }
}
