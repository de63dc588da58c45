package io.switchboard.hooks.delivery;

import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's delivery queue (issue 11 point 3): each (target, signal) is attempted at once; a
 * network error, a timeout, a 5xx, 408 or 429 is retried after {@link Backoff} up to {@code
 * hooks.maxAttempts} attempts in all (never sooner than a {@code Retry-After} the receiver gave,
 * capped at 1 hour), then dead-lettered ({@link DeadLetters}); any other non-2xx is dead-lettered
 * at once. The queue is bounded: the node holds at most {@code hooks.queueSize} deliveries (queued,
 * in flight or waiting for a retry); one more is dead-lettered without an attempt and counted as
 * overflow. Every attempt updates the target's state ({@link EndpointStates}). A retry whose target
 * is gone ({@link Target#alive}) is dropped. Pending retries live in this node's memory: a node
 * that stops gracefully dead-letters them ({@link #stop}), one that dies loses them (the signals
 * themselves are not durable either). Thread-safe.
 */
public final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private final Vertx vertx;
  private final HooksConfig config;
  private final DeadLetters dead;
  private final EndpointStates states;
  private final HooksMetrics metrics;
  private final String node;
  private final AtomicInteger depth = new AtomicInteger();

  /** The deliveries waiting for a retry, by timer id. */
  private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();

  private volatile boolean stopped;

  /**
   * @param vertx for the retry timers
   * @param config {@code hooks.*}
   * @param dead where given-up deliveries go
   * @param states per-target state
   * @param metrics counters and the depth gauge
   * @param node this node's id, recorded in dead letters
   */
  public Deliveries(
      Vertx vertx,
      HooksConfig config,
      DeadLetters dead,
      EndpointStates states,
      HooksMetrics metrics,
      String node) {
    this.vertx = vertx;
    this.config = config;
    this.dead = dead;
    this.states = states;
    this.metrics = metrics;
    this.node = node;
    metrics.depth(depth::get);
  }

  /** Deliveries held now: queued, in flight or waiting for a retry. */
  public int depth() {
    return depth.get();
  }

  /** Delivers {@code signal} to {@code target}; returns at once. */
  public void submit(Target target, Signal signal) {
    if (stopped) {
      return;
    }
    if (depth.incrementAndGet() > config.queueSize()) {
      depth.decrementAndGet();
      metrics.overflow(target.kind());
      String error = "the delivery queue is full (hooks.queueSize " + config.queueSize() + ")";
      LOG.warn("{} of {} to {} dead-lettered: {}", signal.type(), signal.id(), target.id(), error);
      states.deadLettered(target.id(), error);
      deadLetter(target, signal, 0, Answer.failed(error));
      return;
    }
    attempt(target, signal, 1);
  }

  /**
   * Stops: the deliveries waiting for a retry become dead letters at once (the node's memory is
   * about to go; a redelivery brings them back), and a delivery in flight that fails from now on
   * too.
   *
   * @return completes when those dead letters are written; never fails
   */
  public Future<Void> stop() {
    stopped = true;
    List<Future<Void>> written = new ArrayList<>();
    for (Long id : List.copyOf(waiting.keySet())) {
      Waiting w = waiting.remove(id);
      if (w != null && vertx.cancelTimer(id)) {
        depth.decrementAndGet();
        Answer last = w.last();
        states.deadLettered(w.target().id(), "the node stopped before the retry");
        written.add(
            deadLetter(
                w.target(),
                w.signal(),
                w.attempts(),
                new Answer(last.status(), last.error() + "; the node stopped before the retry")));
      }
    }
    return Future.join(written).otherwiseEmpty().mapEmpty();
  }

  private record Waiting(Target target, Signal signal, int attempts, Answer last) {}

  private void attempt(Target target, Signal signal, int attempt) {
    target
        .send(signal)
        .otherwise(e -> Answer.failed(e.getClass().getSimpleName()))
        .onSuccess(a -> answered(target, signal, attempt, a));
  }

  private void answered(Target target, Signal signal, int attempt, Answer a) {
    if (a.delivered()) {
      depth.decrementAndGet();
      metrics.delivered(target.kind());
      states.attempt(target.id(), a, false);
      return;
    }
    boolean giveUp = !a.retryable() || attempt >= config.maxAttempts() || stopped;
    states.attempt(target.id(), a, giveUp);
    if (giveUp) {
      depth.decrementAndGet();
      LOG.warn(
          "{} {} to {} dead-lettered after {} attempt(s): {}",
          signal.type(),
          signal.id(),
          target.id(),
          attempt,
          a.error());
      deadLetter(target, signal, attempt, a);
      return;
    }
    metrics.retried(target.kind());
    long pause =
        Math.max(
            Backoff.millis(attempt, config.retryInitial(), config.retryMax()),
            Math.min(a.retryAfterMillis(), Answer.MAX_RETRY_AFTER_MILLIS));
    long id =
        vertx.setTimer(
            pause,
            t -> {
              if (waiting.remove(t) == null) {
                return; // taken by stop
              }
              target
                  .alive()
                  .otherwise(true)
                  .onSuccess(
                      alive -> {
                        if (alive && !stopped) {
                          attempt(target, signal, attempt + 1);
                        } else {
                          depth.decrementAndGet(); // the endpoint was deleted: nothing to keep
                        }
                      });
            });
    waiting.put(id, new Waiting(target, signal, attempt, a));
  }

  private Future<Void> deadLetter(Target target, Signal signal, int attempts, Answer a) {
    metrics.deadLettered(target.kind());
    JsonObject letter =
        new JsonObject()
            .put("signal", signal.toJson())
            .put("target", target.id())
            .put("attempts", attempts)
            .put("last_status", a.status())
            .put("last_error", a.error())
            .put("at", java.time.Instant.now().toString())
            .put("node", node);
    return dead.add(target.id(), letter)
        .onFailure(
            e ->
                LOG.error(
                    "dead letter of {} to {} lost: {}", signal.id(), target.id(), e.toString()))
        .otherwiseEmpty();
  }
}
