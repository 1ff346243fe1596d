/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

class HtmlReportWriterTest {

    private static final List<String> CHARTS =
            List.of(
                    "precision-1.png",
                    "precision-2.png",
                    "diversity.png",
                    "diversity-ratio.png",
                    "loss.png",
                    "accuracy.png",
                    "loss-scale.png");

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    @TempDir Path tmp;

    @Test
    void pageShowsEveryChartAndEveryPngIsARealImage() throws IOException {
        Path page = new HtmlReportWriter("T4 ESTIMATE").write(tmp, ReportFixtures.race());
        String html = Files.readString(page);
        for (String chart : CHARTS) {
            assertTrue(html.contains("<img src=\"" + chart + "\""), chart);
            Path png = tmp.resolve(chart);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 3000, chart + " is only " + bytes.length + " bytes");
            byte[] head = new byte[8];
            System.arraycopy(bytes, 0, head, 0, 8);
            assertArrayEquals(PNG_SIGNATURE, head, chart);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, chart);
            assertEquals(900, img.getWidth(), chart);
            assertTrue(img.getHeight() >= 200, chart);
            assertTrue(distinctColors(img) >= 8, chart + " looks blank");
        }
        try (Stream<Path> files = Files.list(tmp)) {
            // Nothing but the page and its charts: no temporary file left behind.
            assertEquals(CHARTS.size() + 1, files.count());
        }
    }

    @Test
    void summaryTableHasEveryRunsFigures() throws IOException {
        String html =
                Files.readString(
                        new HtmlReportWriter("T4 ESTIMATE").write(tmp, ReportFixtures.race()));
        assertTrue(
                html.contains("<td>fp32</td><td title=\"\">ok</td><td class=\"num\">86.50%</td>"),
                html);
        assertTrue(html.contains("140.5 s"));
        assertTrue(
                html.contains(
                        "<td>muppet</td><td title=\"\">ok</td><td class=\"num\">85.60%</td>"));
        assertTrue(html.contains("150.3 s") || html.contains("150.2 s"));
        assertTrue(html.contains("7.50x"));
        assertTrue(html.contains("bfp(8):9 bfp(12):3"));
        assertTrue(html.contains("<td>9</td>"));
        assertTrue(html.contains("T4 ESTIMATE"));
        assertTrue(html.contains("estimate"));
    }

    @Test
    void detailsShowStatusStepTimeMemoryAndSiteStatistics() throws IOException {
        String html =
                Files.readString(
                        new HtmlReportWriter("H100 ESTIMATE")
                                .write(tmp, ReportFixtures.raceWithDetails()));
        assertTrue(
                html.contains(
                        "<td title=\"training loss non-finite for 3 steps in a row at step 40\">"
                                + "diverged</td>"),
                html);
        assertTrue(html.contains("<td class=\"num\">80.5 ms</td>"));
        assertTrue(html.contains("<td class=\"num\">4.50 MB</td>"));
        assertTrue(html.contains("<summary>muppet (1 site roles)</summary>"));
        // 3 of 1000 saturated, 20 underflowed.
        assertTrue(html.contains("<td class=\"num\">3 (0.300%)</td>"));
        assertTrue(html.contains("<td class=\"num\">20 (2.00%)</td>"));
        assertTrue(html.contains("accuracy-cost.png") && html.contains("accuracy-memory.png"));
    }

    @Test
    void policyTextIsEscaped() throws IOException {
        RunRecord r =
                new RunRecord(
                        "<script>&",
                        0.5,
                        1,
                        1,
                        List.of(EpochRecord.of(0, "fp32", 1, 0.5, 1, Double.NaN)),
                        List.of());
        String html = Files.readString(new HtmlReportWriter().write(tmp, List.of(r)));
        // The page's own load script is the only script element.
        assertEquals(1, html.split("<script>", -1).length - 1);
        assertFalse(html.contains("<td><script>"));
        assertTrue(html.contains("&lt;script&gt;&amp;"));
    }

    @Test
    void chartsWithoutDataAreLeftOutAndSaidSo() throws IOException {
        // One FP32 run: no check, no loss scale, one NaN loss.
        String html =
                Files.readString(new HtmlReportWriter().write(tmp, List.of(ReportFixtures.fp32())));
        assertFalse(html.contains("diversity.png"));
        assertFalse(html.contains("loss-scale.png"));
        assertFalse(Files.exists(tmp.resolve("loss-scale.png")));
        assertTrue(html.contains("No run ran a MuPPET gradient-diversity check"));
        assertTrue(Files.size(tmp.resolve("loss.png")) > 3000);
        assertTrue(Files.size(tmp.resolve("precision-1.png")) > 1000);
    }

    @Test
    void unwritableDirectoryFailsBeforeWritingAnything() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                new HtmlReportWriter()
                                        .write(file.resolve("r"), ReportFixtures.race()));
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        try (Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(tmp, file), all.toList());
        }
    }

    private static int distinctColors(BufferedImage img) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colors.add(img.getRGB(x, y));
            }
        }
        return colors.size();
    }
}
