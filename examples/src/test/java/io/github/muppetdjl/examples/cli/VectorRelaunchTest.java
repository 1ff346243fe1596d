/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The relaunch that gives {@code java -jar muppet.jar} the Vector API. */
class VectorRelaunchTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void relaunchesOnlyWhenTheModuleIsMissingAndWanted() {
        String[] bench = {"bench", "quantize"};
        assertTrue(VectorRelaunch.wanted(bench, false, NO_ENV));
        assertTrue(VectorRelaunch.wanted(new String[0], false, NO_ENV));
        assertTrue(VectorRelaunch.wanted(new String[] {"--version"}, false, NO_ENV));
        assertFalse(VectorRelaunch.wanted(bench, true, NO_ENV));
        assertFalse(
                VectorRelaunch.wanted(bench, false, Map.of(VectorRelaunch.NO_RELAUNCH_ENV, "")));
        assertFalse(
                VectorRelaunch.wanted(new String[] {"quantize", "--format", "x"}, false, NO_ENV));
    }

    @Test
    void childCommandAddsTheModuleAndKeepsEverythingElse() {
        List<String> command =
                VectorRelaunch.command(
                        "/opt/jdk",
                        List.of("-Xmx2g", "-Dk=v"),
                        "muppet.jar",
                        new String[] {"bench", "quantize", "-0.5", "--json"});
        assertEquals(
                List.of(
                        Path.of("/opt/jdk", "bin", "java").toString(),
                        "-Xmx2g",
                        "-Dk=v",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        "muppet.jar",
                        MuppetCli.class.getName(),
                        "bench",
                        "quantize",
                        "-0.5",
                        "--json"),
                command);
    }

    /** Output of a real {@code java -cp ... MuppetCli} process started without the module. */
    private record Child(int status, String out, String err) {}

    private static Child launch(boolean noRelaunch, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                MuppetCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(VectorRelaunch.NO_RELAUNCH_ENV);
        if (noRelaunch) {
            builder.environment().put(VectorRelaunch.NO_RELAUNCH_ENV, "1");
        }
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child did not finish");
        return new Child(
                process.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aJvmWithoutTheModuleRelaunchesIntoOneWithIt() throws Exception {
        Child relaunched = launch(false, "--version");
        assertEquals(0, relaunched.status(), relaunched::toString);
        assertTrue(relaunched.out().contains("jdk.incubator.vector): enabled"), relaunched.out());
        assertEquals("", relaunched.err(), "the incubator notice must be filtered");

        Child stayed = launch(true, "--version");
        assertEquals(0, stayed.status(), stayed::toString);
        assertTrue(stayed.out().contains("jdk.incubator.vector): not enabled"), stayed.out());
    }

    @Test
    void theChildsStatusAndSingleErrorLineComeBack() throws Exception {
        Child child = launch(false, "bench", "--no-such-option");
        assertEquals(MuppetCli.EXIT_USAGE, child.status(), child::toString);
        assertEquals("", child.out());
        assertTrue(child.err().startsWith("muppet bench: "), child.err());
        assertEquals(1, child.err().split("\\R", -1).length - 1, child.err());
    }
}
