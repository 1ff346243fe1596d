/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.report;

/** How a run in a race ended. */
public enum RunStatus {
    /** Trained every epoch. */
    COMPLETED,
    /** Stopped early: its training loss stayed non-finite (NaN or infinite). */
    DIVERGED,
    /** Stopped early by an exception; the record's message says which. */
    FAILED
}
