package io.switchboard.core.broker;

import java.util.Objects;

/**
 * A message of a {@link Broker#publish} batch that the broker can never take, reported back instead
 * of published (issue 7 part 2, point 1); retrying it would fail the same way.
 *
 * @param message the message, as given to {@code publish}
 * @param reason why, e.g. {@code routing key is 300 UTF-8 bytes, over 255}; never the body
 */
public record Rejected(BrokerMessage message, String reason) {
  /**
   * @throws NullPointerException if {@code message} or {@code reason} is null
   */
  public Rejected {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(reason, "reason");
  }
}
