package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.coordinator.service.Views.TaskOpView;

/**
 * The outcome of one operation of a batched request: what its single endpoint would have answered
 * ({@link Done}), or refused, with the refusal it would have got ({@link Refused}).
 */
public sealed interface TaskOpResult {
  TaskOp op();

  /** The operation happened; {@code view} is what the single endpoint returns. */
  record Done(TaskOp op, TaskOpView view) implements TaskOpResult {}

  /** The operation was refused and changed nothing; {@code refusal} says why. */
  record Refused(TaskOp op, CoordinatorException refusal) implements TaskOpResult {}
}
