package io.switchboard.workers.step;

/**
 * What one {@link StepWorker} did since it started (for logs, tests and the benchmark).
 *
 * @param runs steps whose work ran (a redelivery that reused a completion does not count)
 * @param failedSteps runs reported as {@code success: false}
 * @param accepted completions the gateway took (HTTP 2xx, or a confirmed publish)
 * @param stale completions the gateway answered 404 or 409 (final, acked)
 * @param duplicates deliveries whose completion was already reported or in flight (acked without a
 *     second report)
 * @param deadLettered deliveries dead-lettered: malformed messages and completions refused for good
 */
public record WorkerCounts(
    long runs, long failedSteps, long accepted, long stale, long duplicates, long deadLettered) {}
