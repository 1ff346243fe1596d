/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.recipe;

import io.github.muppetdjl.quant.policy.SiteDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Picks sites of a converted model by their place in it ("the first convolution", "the last dense
 * layer", "every batch norm"), not by hard-coded names. A recipe's selectors are resolved when the
 * training controller attaches to the model, against its quantisation sites in forward order (depth
 * first). Convolutions are sites whose block type starts with {@code Conv}, dense layers those of
 * type {@code Linear}, batch norms those of type {@code BatchNorm}.
 *
 * <p>{@code toString()} is the selector's stable name, used in the recipe's one-line form.
 */
public final class SiteSelector {

    private final String name;
    private final Function<List<SiteDescriptor>, List<String>> select;

    private SiteSelector(String name, Function<List<SiteDescriptor>, List<String>> select) {
        this.name = name;
        this.select = select;
    }

    /**
     * Resolves this selector.
     *
     * @param sitesInForwardOrder the model's sites in forward order
     * @return the names of the selected sites, in forward order, without duplicates
     */
    public List<String> select(List<SiteDescriptor> sitesInForwardOrder) {
        return List.copyOf(select.apply(sitesInForwardOrder));
    }

    /**
     * The first convolution.
     *
     * @return the selector {@code firstConv}
     */
    public static SiteSelector firstConv() {
        return new SiteSelector(
                "firstConv",
                sites -> {
                    int i = firstConvIndex(sites);
                    return i < 0 ? List.of() : List.of(sites.get(i).name());
                });
    }

    /**
     * The batch norm that follows the first convolution, when no other convolution or dense layer
     * comes between them (Mellempudi et al. keep it in high precision with that convolution).
     *
     * @return the selector {@code firstConvBatchNorm}
     */
    public static SiteSelector firstConvBatchNorm() {
        return new SiteSelector(
                "firstConvBatchNorm",
                sites -> {
                    int first = firstConvIndex(sites);
                    for (int i = first + 1; first >= 0 && i < sites.size(); i++) {
                        SiteDescriptor s = sites.get(i);
                        if (isConv(s) || isDense(s)) {
                            break;
                        }
                        if (s.blockType().equals("BatchNorm")) {
                            return List.of(s.name());
                        }
                    }
                    return List.of();
                });
    }

    /**
     * The last dense ({@code Linear}) layer.
     *
     * @return the selector {@code lastDense}
     */
    public static SiteSelector lastDense() {
        return new SiteSelector(
                "lastDense",
                sites -> {
                    for (int i = sites.size() - 1; i >= 0; i--) {
                        if (isDense(sites.get(i))) {
                            return List.of(sites.get(i).name());
                        }
                    }
                    return List.of();
                });
    }

    /**
     * Every site of one block type (for example {@code BatchNorm}).
     *
     * @param blockType the simple class name DJL's block has
     * @return the selector {@code every(<type>)}
     */
    public static SiteSelector every(String blockType) {
        if (blockType == null || blockType.isEmpty()) {
            throw new IllegalArgumentException("blockType must not be empty");
        }
        return new SiteSelector(
                "every(" + blockType + ")",
                sites -> {
                    List<String> out = new ArrayList<>();
                    for (SiteDescriptor s : sites) {
                        if (s.blockType().equals(blockType)) {
                            out.add(s.name());
                        }
                    }
                    return out;
                });
    }

    private static int firstConvIndex(List<SiteDescriptor> sites) {
        for (int i = 0; i < sites.size(); i++) {
            if (isConv(sites.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isConv(SiteDescriptor s) {
        return s.blockType().startsWith("Conv");
    }

    private static boolean isDense(SiteDescriptor s) {
        return s.blockType().equals("Linear");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteSelector other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
