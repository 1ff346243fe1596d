/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.training;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.muppetdjl.nn.QuantizedLayer;
import io.github.muppetdjl.quant.policy.SiteDescriptor;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.SiteOverrides;
import io.github.muppetdjl.site.QuantizationPoint;
import io.github.muppetdjl.site.SiteContext;
import io.github.muppetdjl.site.SiteRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the training controller knows of one model once attached: its quantisation points, the owner
 * of every parameter (whose descriptor resolves the parameter's precisions), the stable name of
 * every parameter (its path in the block tree), and the recipe's site rules resolved against the
 * model's sites. Immutable once built.
 */
final class ModelBinding {

    private final SiteRegistry registry;
    private final Map<String, SiteDescriptor> owners;
    private final Map<String, String> names;
    private final SiteOverrides overrides;
    private final List<SiteDescriptor> layers;

    private ModelBinding(
            SiteRegistry registry,
            Map<String, SiteDescriptor> owners,
            Map<String, String> names,
            SiteOverrides overrides,
            List<SiteDescriptor> layers) {
        this.registry = registry;
        this.owners = owners;
        this.names = names;
        this.overrides = overrides;
        this.layers = layers;
    }

    static ModelBinding bind(Block root, SiteContext context, Recipe recipe) {
        SiteRegistry registry = SiteRegistry.scan(root, context);
        Map<String, SiteDescriptor> owners = new ConcurrentHashMap<>();
        List<SiteDescriptor> layers = new ArrayList<>();
        collectOwners(root, "", owners, layers);
        List<SiteDescriptor> sites = new ArrayList<>();
        for (QuantizationPoint p : registry.points()) {
            sites.add(p.core().descriptor());
            if (recipe.integerArithmetic() != null && p instanceof QuantizedLayer layer) {
                layer.setIntegerArithmetic(recipe.integerArithmetic());
            }
            if (p instanceof Block block) {
                for (Pair<String, Parameter> param : block.getDirectParameters()) {
                    owners.put(param.getValue().getId(), p.core().descriptor());
                }
            }
        }
        // Stable names (the parameter paths) key the optimizer's state and rounding; DJL's ids
        // change every run. Owners are also found by name, for a QuantizedStateOptimizer inner
        // optimizer, which sees names only.
        Map<String, String> names = new ConcurrentHashMap<>();
        for (Pair<String, Parameter> p : root.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
            SiteDescriptor owner = owners.get(p.getValue().getId());
            if (owner != null) {
                owners.put(p.getKey(), owner);
            }
        }
        SiteOverrides overrides = SiteOverrides.resolve(recipe.siteRules(), sites);
        return new ModelBinding(registry, owners, names, overrides, List.copyOf(layers));
    }

    private static void collectOwners(
            Block b, String path, Map<String, SiteDescriptor> out, List<SiteDescriptor> layers) {
        String name = path.isEmpty() ? b.getClass().getSimpleName() : path;
        SiteDescriptor d = new SiteDescriptor(name, b.getClass().getSimpleName());
        if (!b.getDirectParameters().isEmpty()) {
            layers.add(d);
        }
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            out.put(p.getValue().getId(), d);
        }
        for (Pair<String, Block> c : b.getChildren()) {
            String child = path.isEmpty() ? c.getKey() : path + "." + c.getKey();
            collectOwners(c.getValue(), child, out, layers);
        }
    }

    SiteRegistry registry() {
        return registry;
    }

    SiteOverrides overrides() {
        return overrides;
    }

    /** The blocks that own parameters, in depth-first order, with their DJL class names. */
    List<SiteDescriptor> layers() {
        return layers;
    }

    SiteDescriptor owner(String parameterIdOrName) {
        SiteDescriptor owner = owners.get(parameterIdOrName);
        return owner != null ? owner : new SiteDescriptor(parameterIdOrName, "Parameter");
    }

    String name(String parameterId) {
        return names.getOrDefault(parameterId, parameterId);
    }
}
