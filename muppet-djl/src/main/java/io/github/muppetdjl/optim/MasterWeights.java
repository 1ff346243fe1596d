/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master copies of the weights, per parameter and per device, and per-parameter update
 * counters. Master arrays live on the live weight's manager, so they are freed with the model.
 */
final class MasterWeights {

    private final Map<String, Map<Device, NDArray>> masters = new ConcurrentHashMap<>();

    /** Returns the master of a parameter on a device, or {@code null}. */
    NDArray get(String parameterId, Device device) {
        Map<Device, NDArray> byDevice = masters.get(parameterId);
        return byDevice == null ? null : byDevice.get(device);
    }

    /** Returns whether any master exists for the parameter. */
    boolean contains(String parameterId) {
        Map<Device, NDArray> byDevice = masters.get(parameterId);
        return byDevice != null && !byDevice.isEmpty();
    }

    /** Returns the master, creating it as a copy of {@code weight} (created reports a new one). */
    NDArray getOrCreate(String parameterId, NDArray weight, boolean[] created) {
        Map<Device, NDArray> byDevice =
                masters.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>());
        return byDevice.computeIfAbsent(
                weight.getDevice(),
                d -> {
                    created[0] = true;
                    NDArray master = weight.duplicate();
                    // The copy must not be part of the autograd graph of the live weight.
                    master.setRequiresGradient(false);
                    return master;
                });
    }

    /** Drops and closes the master of a parameter on a device. */
    void remove(String parameterId, Device device) {
        Map<Device, NDArray> byDevice = masters.get(parameterId);
        if (byDevice != null) {
            NDArray master = byDevice.remove(device);
            if (master != null) {
                master.close();
            }
        }
    }

    /** Returns the live map (id to device to master); callers must not close the arrays. */
    Map<String, Map<Device, NDArray>> view() {
        return masters;
    }

    /** Writes the first device's master of each parameter. */
    void save(DataOutputStream os) throws IOException {
        // remove() leaves an empty device map behind once a master is dropped (after the first
        // all-FP32 step); such parameters have no master to save.
        Map<String, Map<Device, NDArray>> present = new java.util.LinkedHashMap<>();
        masters.forEach(
                (id, byDevice) -> {
                    if (!byDevice.isEmpty()) {
                        present.put(id, byDevice);
                    }
                });
        os.writeInt(present.size());
        for (Map.Entry<String, Map<Device, NDArray>> e : present.entrySet()) {
            os.writeUTF(e.getKey());
            byte[] bytes = e.getValue().values().iterator().next().encode();
            os.writeInt(bytes.length);
            os.write(bytes);
        }
    }

    /** Replaces all masters by those read from {@code is}. */
    void load(DataInputStream is, NDManager manager) throws IOException {
        for (Map<Device, NDArray> byDevice : masters.values()) {
            byDevice.values().forEach(NDArray::close);
        }
        masters.clear();
        int n = is.readInt();
        for (int i = 0; i < n; i++) {
            String id = is.readUTF();
            byte[] bytes = new byte[is.readInt()];
            is.readFully(bytes);
            NDArray array = NDArray.decode(manager, bytes);
            Map<Device, NDArray> byDevice = new ConcurrentHashMap<>();
            byDevice.put(array.getDevice(), array);
            masters.put(id, byDevice);
        }
    }
}
