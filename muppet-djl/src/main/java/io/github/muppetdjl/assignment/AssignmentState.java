/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.assignment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checkpointed state of an {@link AssignmentController}: its promotions and the overflowing
 * steps still in each group's window. Format (version 1): version byte; promotion count, then per
 * promotion step (long), group (int), cause (UTF); window count, then per window group (int), step
 * count (int), steps (long each).
 *
 * @param promotions the promotions in order
 * @param windows group to the overflowing steps in its window, oldest first
 */
record AssignmentState(List<Promotion> promotions, Map<Integer, List<Long>> windows) {

    private static final byte VERSION = 1;

    void write(DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(promotions.size());
        for (Promotion p : promotions) {
            out.writeLong(p.step());
            out.writeInt(p.group());
            out.writeUTF(p.cause());
        }
        out.writeInt(windows.size());
        for (Map.Entry<Integer, List<Long>> e : windows.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue().size());
            for (long s : e.getValue()) {
                out.writeLong(s);
            }
        }
    }

    /**
     * Reads a state, all or nothing.
     *
     * @param groupCount the model's group count, or -1 when no model is attached yet
     */
    static AssignmentState read(DataInputStream in, int groupCount) throws IOException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unsupported assignment-controller state version " + version);
        }
        List<Promotion> promotions = new ArrayList<>();
        int n = count(in.readInt());
        for (int i = 0; i < n; i++) {
            long step = in.readLong();
            int group = group(in.readInt(), groupCount);
            promotions.add(new Promotion(step, group, in.readUTF()));
        }
        Map<Integer, List<Long>> windows = new TreeMap<>();
        int w = count(in.readInt());
        for (int i = 0; i < w; i++) {
            int g = group(in.readInt(), groupCount);
            List<Long> steps = new ArrayList<>();
            int k = count(in.readInt());
            for (int j = 0; j < k; j++) {
                steps.add(in.readLong());
            }
            windows.put(g, steps);
        }
        return new AssignmentState(promotions, windows);
    }

    private static int group(int g, int groupCount) throws IOException {
        if (g < 0 || (groupCount >= 0 && g >= groupCount)) {
            throw new IOException("group " + g + " does not exist in this model");
        }
        return g;
    }

    private static int count(int n) throws IOException {
        if (n < 0 || n > 1_000_000) {
            throw new IOException("malformed count " + n);
        }
        return n;
    }
}
