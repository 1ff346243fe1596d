/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens a race report in a real headless Chromium and checks that every chart image loads: the
 * page's own load script writes {@code data-charts-loaded="loaded/total"} on its body, which
 * Chromium's {@code --dump-dom} prints. Skipped, with a message saying how to enable it, where no
 * Chromium is installed (Debian: {@code apt-get install chromium}; CI's {@code .ci/run} installs
 * it).
 */
class HtmlReportBrowserTest {

    private static final Pattern LOADED = Pattern.compile("data-charts-loaded=\"(\\d+)/(\\d+)\"");

    @Test
    void everyChartLoadsInHeadlessChromium(@TempDir Path dir) throws Exception {
        String browser = findBrowser();
        Assumptions.assumeTrue(
                browser != null,
                "no chromium, chromium-browser or google-chrome on the PATH: install Debian's"
                        + " chromium package (apt-get install chromium) to run this test");
        Path html =
                new HtmlReportWriter("test target").write(dir, ReportFixtures.raceWithDetails());
        long pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).count();
        }
        // 3 step timelines, diversity, ratio, loss, accuracy, loss scale, accuracy vs cost and
        // accuracy vs memory.
        assertEquals(10, pngs);
        String dom = dumpDom(browser, html);
        Matcher m = LOADED.matcher(dom);
        assertTrue(m.find(), "the page's load script did not run; DOM starts: " + head(dom));
        assertEquals(pngs, Long.parseLong(m.group(2)), "images on the page");
        assertEquals(m.group(2), m.group(1), "every image loaded");
    }

    private static String dumpDom(String browser, Path html)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("dom", ".html");
        try {
            Process p =
                    new ProcessBuilder(
                                    List.of(
                                            browser,
                                            "--headless",
                                            "--no-sandbox",
                                            "--disable-gpu",
                                            "--virtual-time-budget=10000",
                                            "--dump-dom",
                                            html.toUri().toString()))
                            .redirectOutput(out.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(browser + " did not finish in 120 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String findBrowser() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    private static String head(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
