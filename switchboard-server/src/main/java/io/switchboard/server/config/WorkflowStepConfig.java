package io.switchboard.server.config;

import java.time.Duration;

/**
 * One step of a workflow definition (SPEC C3; issue 9 point 3): what a worker service does, how
 * long it may take, how often it is dispatched again when it fails or overruns.
 *
 * @param type the step type, e.g. {@code image_processing}; the routing key of its dispatch is
 *     {@code step.<type>} (letters, digits, {@code _ -}, 1 to 64)
 * @param service the worker service's name, shown as the step's {@code service_name}, e.g. {@code
 *     image-service}
 * @param timeout how long one attempt may run before it counts as failed; positive, default 5 min
 * @param maxRetries how often a failed or timed-out attempt is dispatched again, 0 to 100; {@code
 *     null} (default) takes {@code workflows.maxRetries}
 * @param retryDelay the wait before the first retry, doubled for each further one; {@code null}
 *     (default) takes {@code workflows.retryDelay}
 */
public record WorkflowStepConfig(
    String type, String service, Duration timeout, Integer maxRetries, Duration retryDelay) {
  /** No type or service (both must be given), a 5 min timeout, the workflow-wide retry policy. */
  public static final WorkflowStepConfig DEFAULT =
      new WorkflowStepConfig("", "", Duration.ofMinutes(5), null, null);

  /** Fills a missing type or service with {@code ""} (the validator then names it). */
  public WorkflowStepConfig {
    type = type == null ? "" : type;
    service = service == null ? "" : service;
  }
}
