/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code muppet} command-line tool ({@code examples/target/muppet.jar}): {@code quantize} runs
 * the reference quantiser on values from the command line or stdin, {@code bench} measures
 * throughput. Every command writes results only to stdout; errors are one line on stderr with exit
 * status 2 for bad input.
 */
package io.github.muppetdjl.examples.cli;
