package io.switchboard.hooks.delivery;

import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.signal.Signal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
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
 * that stops drops them (the signals themselves are not durable either). Thread-safe.
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
  private final Set<Long> timers = ConcurrentHashMap.newKeySet();
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
      states.overflow(target.id(), error);
      deadLetter(target, signal, 0, Answer.failed(error));
      return;
    }
    attempt(target, signal, 1);
  }

  /** Cancels the pending retries; deliveries in flight finish on their own. */
  public void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
  }

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
    long[] id = {0};
    id[0] =
        vertx.setTimer(
            pause,
            t -> {
              timers.remove(id[0]);
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
    timers.add(id[0]);
  }

  private void deadLetter(Target target, Signal signal, int attempts, Answer a) {
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
    dead.add(target.id(), letter)
        .onFailure(
            e ->
                LOG.error(
                    "dead letter of {} to {} lost: {}", signal.id(), target.id(), e.toString()));
  }
}
