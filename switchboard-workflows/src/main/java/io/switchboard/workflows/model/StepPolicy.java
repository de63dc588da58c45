package io.switchboard.workflows.model;

import java.time.Duration;

/**
 * One step of a workflow type with its retry policy resolved (SPEC C3; issue 9 point 3): the step's
 * own {@code maxRetries}/{@code retryDelay} or the workflow-wide defaults.
 *
 * @param type the step type (routing key {@code step.<type>})
 * @param service the worker service's name ({@code service_name})
 * @param timeout how long one attempt may run
 * @param maxRetries how often it is dispatched again after a failure or timeout, 0 or more
 * @param retryDelay the wait before the first retry, doubled for each further one
 */
public record StepPolicy(
    String type, String service, Duration timeout, int maxRetries, Duration retryDelay) {}
