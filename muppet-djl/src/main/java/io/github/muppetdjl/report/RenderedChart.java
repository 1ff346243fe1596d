/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/**
 * One chart rendered to PNG in memory, with what the HTML page says about it.
 *
 * @param fileName the PNG's name in the report directory
 * @param title the heading
 * @param caption one sentence on how to read it
 * @param png the encoded image
 */
record RenderedChart(String fileName, String title, String caption, byte[] png) {}
