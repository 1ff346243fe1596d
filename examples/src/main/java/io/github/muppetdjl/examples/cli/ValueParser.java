/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses the values {@code quantize} works on, with {@link Float#parseFloat} (correctly rounded
 * from the decimal text; also {@code NaN}, {@code Infinity}, {@code -Infinity} and hexadecimal
 * {@code 0x1.8p1}).
 */
final class ValueParser {

    private ValueParser() {}

    /**
     * Parses values given as separate arguments.
     *
     * @param values the texts
     * @return the values in order
     * @throws IllegalArgumentException naming the first text that is not a number
     */
    static float[] parse(List<String> values) {
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = parse(values.get(i), i);
        }
        return data;
    }

    /**
     * Reads whitespace-separated values until end of stream.
     *
     * @param in the stream, read as UTF-8
     * @return the values in order (none for blank input)
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming the first text that is not a number
     */
    static float[] parse(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? new float[0] : parse(List.of(text.split("\\s+")));
    }

    private static float parse(String text, int index) {
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "value " + (index + 1) + " is not a number: '" + text + "'", e);
        }
    }
}
