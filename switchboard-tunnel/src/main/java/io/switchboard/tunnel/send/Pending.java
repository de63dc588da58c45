package io.switchboard.tunnel.send;

import io.switchboard.tunnel.wire.Envelope;
import io.switchboard.tunnel.wire.Relays.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests this node's {@code /event/send} waits on (SPEC C4): one table of pending ids fed by
 * the node's one response subscription (never a subscription per request, as in seed 000). Each
 * entry ends once: with its outcome, or with a 504 outcome after {@code tunnel.requestTimeout}.
 * Bounded by {@code tunnel.maxInFlight} per node and {@code tunnel.maxInFlightPerProject}.
 */
public final class Pending {
  private final Vertx vertx;
  private final Duration timeout;
  private final int max;
  private final int maxPerProject;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Integer> perProject = new ConcurrentHashMap<>();

  private record Entry(String project, Promise<Outcome> promise, long timer) {}

  /**
   * @param vertx for the timeouts
   * @param timeout {@code tunnel.requestTimeout}
   * @param max {@code tunnel.maxInFlight}
   * @param maxPerProject {@code tunnel.maxInFlightPerProject}
   */
  public Pending(Vertx vertx, Duration timeout, int max, int maxPerProject) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.max = max;
    this.maxPerProject = maxPerProject;
  }

  /**
   * Waits for the outcome of {@code request}.
   *
   * @return the outcome: the one {@link #complete} hands in, or status 504 {@code timeout}; {@code
   *     null} (nothing registered) when the node or the project is at its bound
   */
  public Future<Outcome> await(Envelope request) {
    if (entries.size() >= max) {
      return null;
    }
    boolean[] taken = {false};
    perProject.compute(
        request.projectId(),
        (p, n) -> {
          int c = n == null ? 0 : n;
          if (c >= maxPerProject) {
            return n;
          }
          taken[0] = true;
          return c + 1;
        });
    if (!taken[0]) {
      return null;
    }
    Promise<Outcome> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            timeout.toMillis(),
            t ->
                complete(
                    new Outcome(
                        504,
                        Envelope.failure(
                            request, "timeout", "no reply within " + timeout.toMillis() + " ms"))));
    entries.put(request.id(), new Entry(request.projectId(), promise, timer));
    return promise.future();
  }

  /**
   * Ends the wait for {@code outcome.reply().id()}; an id no longer waited on (answered already,
   * timed out, or never sent from here) is ignored.
   *
   * @return whether a wait ended
   */
  public boolean complete(Outcome outcome) {
    Entry e = entries.remove(outcome.reply().id());
    if (e == null) {
      return false;
    }
    vertx.cancelTimer(e.timer);
    perProject.computeIfPresent(e.project, (p, n) -> n <= 1 ? null : n - 1);
    e.promise.complete(outcome);
    return true;
  }

  /** How many requests this node waits on. */
  public int size() {
    return entries.size();
  }
}
