/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Race reports: what each policy's run did, epoch by epoch, written as {@code report.json} ({@link
 * io.github.muppetdjl.report.JsonReportWriter}), {@code report.html} with PNG charts beside it
 * ({@link io.github.muppetdjl.report.HtmlReportWriter}) and a console table ({@link
 * io.github.muppetdjl.report.RaceTableFormatter}). The data is plain records ({@link
 * io.github.muppetdjl.report.RunRecord}, {@link io.github.muppetdjl.report.EpochRecord}, {@link
 * io.github.muppetdjl.report.SwitchRecord}); nothing here needs an engine.
 */
package io.github.muppetdjl.report;
