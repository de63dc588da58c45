package io.switchboard.workers.report;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.switchboard.core.broker.Undeliverable;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reports completions by publishing them (issue 9 point 2: "workers may also report a completion by
 * publishing to {@code step.completed}"): routing key {@code step.completed} on the workflow
 * exchange, persistent, body {@link Completion#toMessageBody}, message id {@code
 * <workflow_id>-<step_id>-completed}, no headers (the gateway marks its own {@code step.completed}
 * messages with a header and ignores them; a worker's must not carry it).
 *
 * <p>{@link Reporter.Outcome#ACCEPTED} once the broker confirmed the message (the gateway decides
 * later, there is no {@link Reporter.Outcome#STALE} here). A message the broker refuses for good
 * ({@link Rejected}, e.g. over the body bound) fails with {@link Undeliverable}; a transient
 * publish failure fails as is, and the broker redelivers the step message later.
 */
public final class BrokerReporter implements Reporter {
  private final Broker broker;
  private final String exchange;
  private final Clock clock;

  /**
   * @param broker the broker the worker consumes from
   * @param exchange the workflow exchange, e.g. {@code workflow_exchange}
   * @param clock for the {@code timestamp}
   */
  public BrokerReporter(Broker broker, String exchange, Clock clock) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@inheritDoc} As the class comment says. */
  @Override
  public Future<Outcome> report(Completion c) {
    byte[] body = c.toMessageBody(clock.instant()).encode().getBytes(StandardCharsets.UTF_8);
    BrokerMessage m = new BrokerMessage(exchange, Completion.TYPE, Map.of(), body, c.messageId());
    return broker
        .publish(List.of(m))
        .compose(
            rejected ->
                rejected.isEmpty()
                    ? Future.succeededFuture(Outcome.ACCEPTED)
                    : Future.failedFuture(
                        new Undeliverable(
                            "broker refused the completion "
                                + c.messageId()
                                + ": "
                                + rejected.get(0).reason())));
  }

  /** Nothing to release: the broker belongs to the caller. */
  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
