/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
package io.github.muppetdjl.checkpoint;

import java.io.IOException;

/**
 * A checkpoint could not be read or does not fit the model and controller it was loaded into (not a
 * checkpoint, unsupported format version, corrupt, or written by a different configuration). When
 * {@link Checkpoints#load} throws it, the model and the controller are unchanged.
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong, naming the file
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what is wrong, naming the file
     * @param cause the underlying failure
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
