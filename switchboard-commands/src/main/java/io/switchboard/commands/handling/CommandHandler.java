package io.switchboard.commands.handling;

import io.switchboard.commands.domain.CommandInfo;
import io.switchboard.commands.domain.CommandType;
import io.switchboard.commands.domain.Decision;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.events.CommandRecords;
import io.switchboard.commands.outcome.Outcomes;
import io.switchboard.commands.wire.CommandMessage;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Undeliverable;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreConflictException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one command from the broker (SPEC C2; issue 8 point 3): inbox check (handled already →
 * its outcome is sent again), load the aggregate, decide, then one transaction ({@link
 * CommandTransaction}); a version or projection conflict decides again on the newer state, up to
 * {@code retries} times after a jittered, doubling pause, then fails so the broker redelivers it
 * later. A message that is not a command of a Java-handled type is dead-lettered ({@link
 * Undeliverable}). The future succeeds once the outcome is recorded and sent: the broker then acks.
 */
public final class CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

  private final Vertx vertx;
  private final Store store;
  private final Domain domain;
  private final CommandTransaction transaction;
  private final AggregateLoader loader;
  private final Outcomes outcomes;
  private final int retries;
  private final Duration backoff;
  private final CommandMetrics metrics;

  /**
   * @param vertx for the retry timers
   * @param store the store
   * @param domain the registered command types
   * @param transaction writes a decision
   * @param cacheSize aggregates kept between commands ({@code commands.aggregateCache})
   * @param outcomes feeds and notifications
   * @param retries {@code commands.handlerRetries}
   * @param backoff {@code commands.retryBackoff}
   * @param metrics the counters
   */
  public CommandHandler(
      Vertx vertx,
      Store store,
      Domain domain,
      CommandTransaction transaction,
      int cacheSize,
      Outcomes outcomes,
      int retries,
      Duration backoff,
      CommandMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.domain = domain;
    this.transaction = transaction;
    this.loader = new AggregateLoader(store, cacheSize);
    this.outcomes = outcomes;
    this.retries = retries;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  /**
   * Handles a broker message of a command queue.
   *
   * @return succeeds when the command's outcome is recorded (and sent); fails with {@link
   *     Undeliverable} for a message that is not a known command, otherwise transiently
   */
  public Future<Void> handle(BrokerMessage message) {
    CommandMessage command;
    try {
      command = CommandMessage.fromBody(message.body());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new Undeliverable(e.getMessage()));
    }
    CommandType<?, ?> type = domain.command(command.type());
    if (type == null) {
      return Future.failedFuture(
          new Undeliverable("no Java handler for command type " + command.type()));
    }
    return store
        .get(CommandRecords.COMMANDS, command.id())
        .compose(
            doc -> {
              if (doc == null) {
                return Future.failedFuture(
                    new Undeliverable("no record of command " + command.id()));
              }
              JsonObject record = new JsonObject(doc.json());
              return CommandRecords.handled(record)
                  ? outcomes.resend(record)
                  : attempt(type, command, record, 0);
            });
  }

  private <B, S> Future<Void> attempt(
      CommandType<B, S> type, CommandMessage command, JsonObject record, int attempt) {
    return loader
        .load(type.aggregate(), command.stream())
        .compose(
            loaded -> {
              Decision decision = decide(type, command, loaded.state());
              return transaction
                  .write(command, record, decision, loaded.version())
                  .compose(
                      done -> {
                        if (decision instanceof Decision.Accepted) {
                          S state = loaded.state();
                          for (var e : done.events()) {
                            state = type.aggregate().evolve().apply(state, e.type(), e.data());
                          }
                          loader.remember(
                              command.stream(), state, loaded.version() + done.events().size());
                        }
                        metrics.handled(decision instanceof Decision.Accepted);
                        return outcomes.report(done.record(), done.events());
                      });
            })
        .recover(e -> retry(type, command, record, attempt, e));
  }

  private <B, S> Future<Void> retry(
      CommandType<B, S> type, CommandMessage command, JsonObject record, int attempt, Throwable e) {
    if (e instanceof DocumentConflictException d && CommandRecords.INBOX.equals(d.collection())) {
      // another consumer handled it meanwhile (a redelivery raced us): send its outcome
      return store
          .get(CommandRecords.COMMANDS, command.id())
          .compose(doc -> outcomes.resend(new JsonObject(doc.json())));
    }
    if (!(e instanceof StoreConflictException) || attempt >= retries) {
      if (e instanceof StoreConflictException) {
        LOG.warn(
            "command {} still conflicts after {} retries; redelivered later",
            command.id(),
            retries);
      }
      return Future.failedFuture(e);
    }
    metrics.conflict();
    long base = Math.max(1, backoff.toMillis() << Math.min(attempt, 10));
    long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    Promise<Void> later = Promise.promise();
    vertx.setTimer(
        Math.max(1, delay), id -> attempt(type, command, record, attempt + 1).onComplete(later));
    return later.future();
  }

  /** The handler's decision; a handler that throws or a body that no longer maps rejects. */
  private static <B, S> Decision decide(CommandType<B, S> type, CommandMessage command, S state) {
    try {
      B body = command.body().mapTo(type.bodyType());
      return type.decide()
          .decide(state, body, new CommandInfo(command.id(), command.user(), command.time()));
    } catch (RuntimeException e) {
      LOG.error("handler of {} failed on command {}", type.name(), command.id(), e);
      return Decision.reject("the " + type.name() + " handler failed");
    }
  }
}
