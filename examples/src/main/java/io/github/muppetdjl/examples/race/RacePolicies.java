/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.race;

import io.github.muppetdjl.quant.schedule.MuppetSwitchingPolicy;
import io.github.muppetdjl.recipe.Recipe;
import io.github.muppetdjl.recipe.Recipes;

import java.util.List;

/**
 * The recipes a race can run, by name: every name of {@link Recipes#NAMES}. MuPPET takes the race's
 * resolution and patience, CPT the run's length.
 */
public final class RacePolicies {

    /** Every name {@link #create} accepts, in the order the help lists them. */
    public static final List<String> NAMES = Recipes.NAMES;

    private RacePolicies() {}

    /**
     * Returns the recipe of a name, MuPPET with the race's resolution and patience.
     *
     * @param name one of {@link #NAMES}
     * @param resolution MuPPET's resolution r (checks every r epochs); at least 1
     * @param patience MuPPET's patience; at least 1
     * @return the recipe
     * @throws IllegalArgumentException naming the legal names if {@code name} is unknown
     */
    public static Recipe recipe(String name, int resolution, int patience) {
        return recipe(name, resolution, patience, 0);
    }

    /**
     * Returns the recipe of a name for a run of known length: CPT's cycles divide it (32 cycles
     * over the run, as in the paper).
     *
     * @param name one of {@link #NAMES}
     * @param resolution MuPPET's resolution r; at least 1
     * @param patience MuPPET's patience; at least 1
     * @param totalIterations the run's optimizer steps; 0 when unknown
     * @return the recipe
     * @throws IllegalArgumentException naming the legal names if {@code name} is unknown
     */
    public static Recipe recipe(String name, int resolution, int patience, long totalIterations) {
        if ("cpt".equals(name)) {
            return Recipes.cpt(totalIterations);
        }
        return "muppet".equals(name)
                ? Recipes.muppet(
                        MuppetSwitchingPolicy.builder()
                                .optResolution(resolution)
                                .optPatience(patience)
                                .build()
                                .config())
                : Recipes.byName(name);
    }
}
