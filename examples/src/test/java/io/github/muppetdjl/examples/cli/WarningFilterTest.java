/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The child's stderr loses the JVM's incubator notice and nothing else. */
class WarningFilterTest {

    private static String filter(String stderr) throws IOException {
        ByteArrayOutputStream to = new ByteArrayOutputStream();
        WarningFilter.copy(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), to);
        return to.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsTheNoticeOnTheFirstLine() throws IOException {
        String notice = "WARNING: Using incubator modules: jdk.incubator.vector\n";
        assertEquals("muppet bench: bad\n", filter(notice + "muppet bench: bad\n"));
        assertEquals("", filter(notice));
    }

    @Test
    void keepsEverythingElseByteForByte() throws IOException {
        String text = "progress 10%\rprogress 20%\r\nWARNING: Using incubator modules: x\n\u00e9";
        assertEquals(text, filter(text));
        assertEquals("", filter(""));
        assertEquals("no newline", filter("no newline"));
        String noticeWithoutNewline = "WARNING: Using incubator modules: jdk.incubator.vector";
        assertEquals(noticeWithoutNewline, filter(noticeWithoutNewline));
        String longLine = "x".repeat(5000) + "\nnext\n";
        assertEquals(longLine, filter(longLine));
    }
}
