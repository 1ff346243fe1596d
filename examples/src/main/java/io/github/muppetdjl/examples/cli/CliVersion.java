/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Prints the version from the jar manifest and whether the Vector API is enabled, which tells the
 * user whether the CPU fast path runs vectorised.
 */
final class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = MuppetCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "muppet " + (version == null ? "(development build)" : version),
            "Vector API ("
                    + VectorRelaunch.MODULE
                    + "): "
                    + (VectorRelaunch.modulePresent() ? "enabled" : "not enabled"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
