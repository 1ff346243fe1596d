/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON document (RFC 8259) into a string, for the {@code --json} outputs of the
 * benchmarks. Members are separated by {@code ", "} and names by {@code ": "}, all on one line. A
 * non-finite number has no JSON form and is written as {@code null}.
 *
 * <p>Usage: {@code new JsonWriter().beginObject().name("x").value(1.5).endObject().toString()}.
 */
final class JsonWriter {

    private final StringBuilder sb = new StringBuilder();

    /** Per open container: whether it already holds an element. */
    private final Deque<Boolean> hasElement = new ArrayDeque<>();

    private boolean afterName;

    /** Opens an object. */
    JsonWriter beginObject() {
        beforeValue();
        sb.append('{');
        hasElement.push(false);
        return this;
    }

    /** Closes the innermost object. */
    JsonWriter endObject() {
        return end('}');
    }

    /** Opens an array. */
    JsonWriter beginArray() {
        beforeValue();
        sb.append('[');
        hasElement.push(false);
        return this;
    }

    /** Closes the innermost array. */
    JsonWriter endArray() {
        return end(']');
    }

    /** Writes a member name; the next value is its value. */
    JsonWriter name(String name) {
        if (afterName || hasElement.isEmpty()) {
            throw new IllegalStateException("a name must follow '{' or a member value");
        }
        separate();
        string(name);
        sb.append(": ");
        afterName = true;
        return this;
    }

    /** Writes a string value. */
    JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            sb.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** Writes a number, or {@code null} when it is NaN or infinite. */
    JsonWriter value(double value) {
        beforeValue();
        sb.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    /** Writes an integer. */
    JsonWriter value(long value) {
        beforeValue();
        sb.append(value);
        return this;
    }

    /** Returns the document written so far. */
    @Override
    public String toString() {
        return sb.toString();
    }

    private JsonWriter end(char close) {
        if (hasElement.isEmpty() || afterName) {
            throw new IllegalStateException("nothing to close with '" + close + "'");
        }
        hasElement.pop();
        sb.append(close);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (!hasElement.isEmpty()) {
            separate();
        } else if (sb.length() > 0) {
            throw new IllegalStateException("a JSON document has one top-level value");
        }
    }

    private void separate() {
        if (hasElement.peek()) {
            sb.append(", ");
        }
        hasElement.pop();
        hasElement.push(true);
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
