/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.quant.policy;

/**
 * Identifies a quantisation site for policy resolution.
 *
 * @param name the site's unique, stable name (for example {@code 03Conv2d} or {@code
 *     resnet.stage1.conv0}); used by name-pattern and exact-name rules
 * @param blockType the simple class name of the block the site belongs to (for example {@code
 *     Conv2d}, {@code Linear}); used by block-type rules
 */
public record SiteDescriptor(String name, String blockType) {

    /** Validates the fields. */
    public SiteDescriptor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (blockType == null) {
            throw new IllegalArgumentException("blockType must not be null");
        }
    }
}
