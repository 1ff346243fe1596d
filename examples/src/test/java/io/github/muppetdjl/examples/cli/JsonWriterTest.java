/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

/** The hand-written JSON is valid and reads back to what was written. */
class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArrays() {
        String json =
                new JsonWriter()
                        .beginObject()
                        .name("a")
                        .value(1.5)
                        .name("b")
                        .beginArray()
                        .value(1L)
                        .beginObject()
                        .endObject()
                        .value("x")
                        .endArray()
                        .name("c")
                        .beginArray()
                        .endArray()
                        .endObject()
                        .toString();
        assertEquals("{\"a\": 1.5, \"b\": [1, {}, \"x\"], \"c\": []}", json);
    }

    @Test
    void escapesStringsAndNullsNonFiniteNumbers() {
        String tricky = "q\"b\\s/n\nt\tc\u0001é";
        String json =
                new JsonWriter()
                        .beginObject()
                        .name(tricky)
                        .value(tricky)
                        .name("nan")
                        .value(Double.NaN)
                        .name("inf")
                        .value(Double.POSITIVE_INFINITY)
                        .name("tiny")
                        .value(1e-300)
                        .endObject()
                        .toString();
        var parsed = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(tricky, parsed.get(tricky).getAsString());
        assertEquals(true, parsed.get("nan").isJsonNull());
        assertEquals(true, parsed.get("inf").isJsonNull());
        assertEquals(1e-300, parsed.get("tiny").getAsDouble());
    }

    @Test
    void rejectsMisuse() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1L).value(2L));
        assertThrows(
                IllegalStateException.class,
                () -> new JsonWriter().beginObject().name("a").name("b"));
    }
}
