/*
 * Copyright 2026 The muppet-djl authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Precision assignment with promotion (Lee, Sharma and Aiken, "Training with Mixed-Precision
 * Floating-Point Assignments", TMLR 2023; docs/algorithms.md §6.6): the model's training tensors
 * are split into groups in forward order ({@link io.github.muppetdjl.assignment.TensorGroups}), the
 * largest groups are demoted to a low-precision format until a target share of tensor elements is
 * low ({@link io.github.muppetdjl.assignment.Demotion}), and during training a group whose
 * low-precision tensors overflow repeatedly is promoted to the high format for good ({@link
 * io.github.muppetdjl.assignment.AssignmentController}). {@link
 * io.github.muppetdjl.assignment.MemoryReport} gives the storage the formats need, computed from
 * tensor shapes.
 */
package io.github.muppetdjl.assignment;
