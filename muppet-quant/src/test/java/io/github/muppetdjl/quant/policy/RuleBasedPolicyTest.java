/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.muppetdjl.quant.quantizer.Precision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedPolicyTest {

    private static final Precision G = Precision.parse("bfp(8)/stochastic");
    private static final Precision T = Precision.parse("bfp(12)/stochastic");
    private static final Precision P = Precision.parse("fp8-e5m2/nearest");
    private static final Precision E = Precision.parse("fp16/stochastic");

    /** One rule per scope, each matching "conv0" of type Conv2d. */
    private static RuleBasedPolicy fourLevels() {
        return RuleBasedPolicy.builder()
                .optName("levels")
                // Added in reverse priority order, to show insertion order does not beat scope.
                .optExactName("conv0", E)
                .optNamePattern("conv\\d+", P)
                .optBlockType("Conv2d", T)
                .optGlobal(G)
                .build();
    }

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource({
        // name, blockType, expected: global < type < pattern < exact
        "conv0, Conv2d, fp16/stochastic",
        "conv1, Conv2d, fp8-e5m2/nearest",
        "conv1, Linear, fp8-e5m2/nearest",
        "myconv1, Conv2d, bfp(12)/stochastic",
        "block, Conv2d, bfp(12)/stochastic",
        "conv0x, Linear, bfp(8)/stochastic",
        "fc, Linear, bfp(8)/stochastic",
        "conv0, Linear, fp16/stochastic",
    })
    void higherScopeWinsRegardlessOfOrder(String name, String type, String expected) {
        RuleBasedPolicy p = fourLevels();
        for (TensorRole role : TensorRole.values()) {
            assertEquals(expected, p.resolve(new SiteDescriptor(name, type), role).toString());
        }
    }

    @Test
    void roleSubsetsFallThroughToLowerScopes() {
        RuleBasedPolicy p =
                RuleBasedPolicy.builder()
                        .optGlobal(G)
                        .optBlockType("Conv2d", T, TensorRole.ERROR)
                        .optExactName("conv0", Precision.FP32, TensorRole.WEIGHT)
                        .build();
        SiteDescriptor conv0 = new SiteDescriptor("conv0", "Conv2d");
        assertEquals(Precision.FP32, p.resolve(conv0, TensorRole.WEIGHT));
        assertEquals(T, p.resolve(conv0, TensorRole.ERROR));
        assertEquals(G, p.resolve(conv0, TensorRole.ACTIVATION));
        SiteDescriptor fc = new SiteDescriptor("fc", "Linear");
        assertEquals(G, p.resolve(fc, TensorRole.ERROR));
        assertEquals(G, p.resolve(fc, TensorRole.WEIGHT));
    }

    @Test
    void laterRuleOfSameScopeWins() {
        SiteDescriptor s = new SiteDescriptor("a", "Linear");
        RuleBasedPolicy errorsLast =
                RuleBasedPolicy.builder().optGlobal(G).optGlobal(T, TensorRole.ERROR).build();
        assertEquals(T, errorsLast.resolve(s, TensorRole.ERROR));
        assertEquals(G, errorsLast.resolve(s, TensorRole.WEIGHT));
        RuleBasedPolicy allLast =
                RuleBasedPolicy.builder().optGlobal(T, TensorRole.ERROR).optGlobal(G).build();
        assertEquals(G, allLast.resolve(s, TensorRole.ERROR));
        RuleBasedPolicy patterns =
                RuleBasedPolicy.builder().optNamePattern("a.*", T).optNamePattern(".*", P).build();
        assertEquals(P, patterns.resolve(s, TensorRole.WEIGHT));
    }

    @Test
    void noMatchingRuleMeansFp32() {
        RuleBasedPolicy p = RuleBasedPolicy.builder().optBlockType("Conv2d", G).build();
        SiteDescriptor fc = new SiteDescriptor("fc", "Linear");
        for (TensorRole role : TensorRole.values()) {
            assertSame(Precision.FP32, p.resolve(fc, role));
        }
        assertSame(Precision.FP32, RuleBasedPolicy.builder().build().resolve(fc, TensorRole.ERROR));
    }

    @Test
    void patternMustMatchWholeNameAndTypeIsCaseSensitive() {
        RuleBasedPolicy p =
                RuleBasedPolicy.builder()
                        .optNamePattern("stage1\\..*", G)
                        .optBlockType("conv2d", T)
                        .build();
        assertEquals(G, p.resolve(new SiteDescriptor("stage1.conv", "Conv2d"), TensorRole.WEIGHT));
        assertEquals(
                Precision.FP32,
                p.resolve(new SiteDescriptor("net.stage1.conv", "Conv2d"), TensorRole.WEIGHT));
        assertEquals(T, p.resolve(new SiteDescriptor("x", "conv2d"), TensorRole.WEIGHT));
    }

    @Test
    void toStringIsStableOneLineInPriorityOrder() {
        RuleBasedPolicy p =
                RuleBasedPolicy.builder()
                        .optName("mixed")
                        .optExactName("fc", Precision.FP32)
                        .optGlobal(G, TensorRole.ERROR, TensorRole.WEIGHT)
                        .optNamePattern("conv.*", P, TensorRole.ACTIVATION)
                        .optBlockType("Conv2d", T)
                        .build();
        String expected =
                "mixed{global[WEIGHT,ERROR]=bfp(8)/stochastic; type(Conv2d)=bfp(12)/stochastic;"
                        + " pattern(conv.*)[ACTIVATION]=fp8-e5m2/nearest; name(fc)=fp32}";
        assertEquals(expected, p.toString());
        assertEquals(expected, p.toBuilder().build().toString());
        assertEquals("rules{}", RuleBasedPolicy.builder().build().toString());
        assertTrue(!p.toString().contains("\n"));
    }

    @Test
    void equalityFollowsNameAndRules() {
        assertEquals(fourLevels(), fourLevels());
        assertEquals(fourLevels().hashCode(), fourLevels().hashCode());
        assertEquals(fourLevels(), fourLevels().toBuilder().build());
        assertNotEquals(fourLevels(), fourLevels().toBuilder().optName("other").build());
        assertNotEquals(fourLevels(), fourLevels().toBuilder().optGlobal(G).build());
    }

    @Test
    void toBuilderDoesNotChangeTheOriginal() {
        RuleBasedPolicy base = RuleBasedPolicy.builder().optGlobal(G).build();
        RuleBasedPolicy derived = base.toBuilder().optExactName("fc", Precision.FP32).build();
        SiteDescriptor fc = new SiteDescriptor("fc", "Linear");
        assertEquals(G, base.resolve(fc, TensorRole.WEIGHT));
        assertEquals(Precision.FP32, derived.resolve(fc, TensorRole.WEIGHT));
        assertEquals(1, base.rules().size());
    }

    @Test
    void repeatedResolutionAgreesWithFirst() {
        RuleBasedPolicy p = fourLevels();
        SiteDescriptor s = new SiteDescriptor("conv1", "Conv2d");
        Precision first = p.resolve(s, TensorRole.ERROR);
        for (int i = 0; i < 3; i++) {
            assertSame(first, p.resolve(new SiteDescriptor("conv1", "Conv2d"), TensorRole.ERROR));
        }
        Precision[] all = p.resolveAllRoles(s);
        all[0] = null;
        assertEquals(P, p.resolveAllRoles(s)[0]);
    }

    @Test
    void invalidRulesAreRejectedWithTheFieldNamed() {
        RuleBasedPolicy.Builder b = RuleBasedPolicy.builder();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> b.optNamePattern("conv[", G));
        assertTrue(e.getMessage().contains("regular expression"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.optBlockType("", G));
        assertThrows(IllegalArgumentException.class, () -> b.optExactName("fc", null));
        assertThrows(IllegalArgumentException.class, () -> b.optGlobal(G, TensorRole.WEIGHT, null));
        assertThrows(IllegalArgumentException.class, () -> b.optName("two words"));
        assertThrows(IllegalArgumentException.class, () -> b.optName("a{b"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PolicyRule(RuleScope.GLOBAL, "x", java.util.Set.of(), G));
    }
}
