package io.switchboard.workers;

/** How the workers report completions (seed 002, issue 9 point 2). */
public enum ReportMode {
  /** {@code POST <gateway>/api/v1/workflow/step-completed} with {@code X-API-Key}. */
  HTTP,
  /** Publish {@code step.completed} to the workflow exchange. */
  BROKER
}
