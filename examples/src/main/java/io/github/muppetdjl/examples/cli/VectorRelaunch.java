/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-runs the command in a child JVM that has the Vector API.
 *
 * <p>Why: the CPU fast quantiser is several times faster with {@code jdk.incubator.vector}, but an
 * incubator module can only be enabled on the {@code java} command line ({@code --add-modules});
 * the jar manifest has no attribute for it ({@code Add-Opens}/{@code Add-Exports} exist, {@code
 * Add-Modules} does not), so {@code java -jar muppet.jar} always starts without it. Asking every
 * user to type the flag would make the fast path an opt-in nobody finds. So {@link MuppetCli#main}
 * starts the same java binary again with the flag, the same JVM options, classpath and arguments,
 * standard input and output inherited, and exits with the child's status. The child gets {@value
 * #NO_RELAUNCH_ENV} set, so it never relaunches again; users can set it too to stay in one JVM.
 *
 * <p>The JVM prints {@code WARNING: Using incubator modules: jdk.incubator.vector} on stderr when
 * the module is enabled. It never reaches stdout; {@link WarningFilter} also drops it from the
 * child's stderr, so a failing command still prints exactly one line there.
 *
 * <p>{@code quantize} runs the scalar reference only and gains nothing from the module, so it never
 * pays for a second JVM.
 */
final class VectorRelaunch {

    /** The incubator module that the fast path uses. */
    static final String MODULE = "jdk.incubator.vector";

    /** Set (to anything) to stop the relaunch. */
    static final String NO_RELAUNCH_ENV = "MUPPET_NO_RELAUNCH";

    /** Top-level commands that do not use the Vector API. */
    private static final Set<String> SCALAR_COMMANDS = Set.of("quantize");

    private VectorRelaunch() {}

    /**
     * Returns whether this JVM has the Vector API module.
     *
     * @return true when {@code --add-modules jdk.incubator.vector} was given
     */
    static boolean modulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * Decides whether to relaunch.
     *
     * @param args the command line
     * @param modulePresent whether this JVM has the module already
     * @param env the process environment
     * @return true when a child JVM with the module should run the command
     */
    static boolean wanted(String[] args, boolean modulePresent, Map<String, String> env) {
        if (modulePresent || env.containsKey(NO_RELAUNCH_ENV)) {
            return false;
        }
        return args.length == 0 || !SCALAR_COMMANDS.contains(args[0]);
    }

    /**
     * Builds the child's command line.
     *
     * @param javaHome the running JVM's {@code java.home}
     * @param jvmOptions the running JVM's options, passed on unchanged
     * @param classPath the running JVM's class path (the jar itself under {@code java -jar})
     * @param args the command line
     * @return the child's command
     */
    static List<String> command(
            String javaHome, List<String> jvmOptions, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("--add-modules");
        command.add(MODULE);
        command.add("-cp");
        command.add(classPath);
        command.add(MuppetCli.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the command in a child JVM and waits for it.
     *
     * @param args the command line
     * @return the child's exit status, or null when it could not be started
     */
    static Integer run(String[] args) {
        List<String> command =
                command(
                        System.getProperty("java.home"),
                        ManagementFactory.getRuntimeMXBean().getInputArguments(),
                        System.getProperty("java.class.path"),
                        args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(NO_RELAUNCH_ENV, "1");
        builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        // A parent stopped by a signal takes its child with it.
        Thread reaper = new Thread(child::destroy, "muppet-child-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        Thread pump = WarningFilter.pump(child.getErrorStream(), System.err);
        try {
            int status = child.waitFor();
            pump.join();
            removeHook(reaper);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return MuppetCli.EXIT_FAILURE;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (e.g. on a signal); the hook has done its work.
        }
    }
}
