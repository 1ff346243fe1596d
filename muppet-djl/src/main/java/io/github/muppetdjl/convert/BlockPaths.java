/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.convert;

import ai.djl.nn.Block;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths of the blocks of a tree, joined with dots from the root's child keys: the names the
 * controller's {@code SiteRegistry} gives sites. Taken after a conversion, since rebuilding a
 * sequential block renumbers its keys.
 */
final class BlockPaths {

    private final Map<Block, String> paths = new IdentityHashMap<>();

    BlockPaths(Block root) {
        walk(root, "");
    }

    private void walk(Block block, String path) {
        paths.putIfAbsent(block, path);
        for (Pair<String, Block> child : block.getChildren()) {
            walk(child.getValue(), path.isEmpty() ? child.getKey() : path + "." + child.getKey());
        }
    }

    /** Returns the path of each block, in order; a block outside the tree has its class name. */
    List<String> of(List<Block> blocks) {
        List<String> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            out.add(paths.getOrDefault(b, b.getClass().getSimpleName()));
        }
        return out;
    }
}
