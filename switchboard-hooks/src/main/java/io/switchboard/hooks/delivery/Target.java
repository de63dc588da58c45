package io.switchboard.hooks.delivery;

import io.switchboard.server.signal.Signal;
import io.vertx.core.Future;

/**
 * Where a signal is delivered: a webhook endpoint or the Telegram chat. Two implementations, one
 * retry policy ({@link Deliveries}).
 */
public interface Target {

  /**
   * The key of the target's state and dead letters: an endpoint id, or {@code telegram}; store-key
   * safe.
   */
  String id();

  /** The metric label: {@code webhook} or {@code telegram}. */
  String kind();

  /**
   * One attempt.
   *
   * @return the answer; never failed (a network error is an {@link Answer} with status 0)
   */
  Future<Answer> send(Signal signal);

  /**
   * Whether the target still wants deliveries, asked before each retry: a webhook endpoint deleted
   * meanwhile does not, and its pending retries are dropped.
   *
   * @return never failed; the chat is always there
   */
  default Future<Boolean> alive() {
    return Future.succeededFuture(true);
  }
}
