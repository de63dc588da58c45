package io.switchboard.workers.report;

import io.vertx.core.Future;

/**
 * Reports a finished step to the gateway (issue 9 point 7): {@link HttpReporter} or {@link
 * BrokerReporter}.
 *
 * <p>The returned future tells the worker what to do with the step message:
 *
 * <ul>
 *   <li>succeeded, {@link Outcome#ACCEPTED} or {@link Outcome#STALE}: ack it;
 *   <li>failed with {@link io.switchboard.core.broker.Undeliverable}: the gateway refused the
 *       report for good (e.g. a bad API key); the message is dead-lettered for an operator;
 *   <li>any other failure: transient (gateway or broker down after the reporter's own retries); the
 *       broker redelivers the message later and the same completion is reported again.
 * </ul>
 */
public interface Reporter {
  /** What the gateway did with a report. */
  enum Outcome {
    /** Taken: HTTP 2xx (a duplicate too), or the publish was confirmed. */
    ACCEPTED,
    /**
     * Not wanted, and final (HTTP 404 unknown workflow or step, 409 stale step or finished
     * workflow): there is nothing left to report.
     */
    STALE
  }

  /**
   * Reports one completion; never blocks.
   *
   * @param completion the finished step
   * @return the outcome, or a failure as the interface comment says
   */
  Future<Outcome> report(Completion completion);

  /** Releases the reporter's resources (HTTP connections); idempotent. */
  Future<Void> close();
}
