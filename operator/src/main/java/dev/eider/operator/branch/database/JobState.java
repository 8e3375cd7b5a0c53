package dev.eider.operator.branch.database;

import dev.eider.operator.workerjob.RunOutcome;

/** A clone or drop Job as the caches show it. */
public sealed interface JobState {

  /** Not in the cache: never created, or already removed by its TTL. */
  record Missing() implements JobState {}

  /** Created and not finished. */
  record Running() implements JobState {}

  /** Finished, with the worker's outcome read from the pod's termination message. */
  record Finished(RunOutcome outcome) implements JobState {
    public boolean succeeded() {
      return outcome.materialized();
    }
  }

  JobState MISSING = new Missing();
  JobState RUNNING = new Running();
}
