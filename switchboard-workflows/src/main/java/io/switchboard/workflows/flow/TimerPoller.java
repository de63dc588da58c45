package io.switchboard.workflows.flow;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.switchboard.workflows.model.Keys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the durable timers (SPEC C3; issue 9 point 5: "a gateway restarted mid-workflow resumes it:
 * timers fire"): every {@code workflows.timerInterval} each node lists the first {@code timerBatch}
 * documents of {@link Keys#TIMERS} (keys start with the due time, so the due ones come first) and
 * fires each due one, one after the other, in a transaction of its own ({@link Transitions#fire})
 * that re-checks the workflow and deletes the timer. Several nodes may fire the same timer: the
 * workflow's revision lets one of them decide, the others find the attempt moved on and only delete
 * it. One look at a time per node; a failed look is logged and retried at the next tick. Starts
 * with a look, so a restarted node fires what fell due while it was down.
 */
public final class TimerPoller {
  private static final Logger LOG = LoggerFactory.getLogger(TimerPoller.class);

  private final Vertx vertx;
  private final Store store;
  private final Transitions transitions;
  private final Duration interval;
  private final int batch;
  private final Clock clock;
  private long periodic = -1;
  private final java.util.concurrent.atomic.AtomicBoolean busy =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean stopped;

  /**
   * @param vertx timers
   * @param store the store with {@link Keys#TIMERS}
   * @param transitions fires a timer
   * @param interval {@code workflows.timerInterval}
   * @param batch {@code workflows.timerBatch}
   * @param clock what "due" means
   */
  public TimerPoller(
      Vertx vertx,
      Store store,
      Transitions transitions,
      Duration interval,
      int batch,
      Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.transitions = transitions;
    this.interval = interval;
    this.batch = batch;
    this.clock = clock;
  }

  /** Starts looking (on a Vert.x context: the ticks run there). */
  public void start() {
    periodic = vertx.setPeriodic(1, interval.toMillis(), t -> poll());
  }

  /** Stops looking; a firing under way completes. */
  public void stop() {
    stopped = true;
    if (periodic >= 0) {
      vertx.cancelTimer(periodic);
    }
  }

  /**
   * One look: fires the due timers of the first page.
   *
   * @return completes when done (at once when a look is under way); never fails
   */
  Future<Void> poll() {
    if (stopped || !busy.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return store
        .list(Keys.TIMERS, null, batch)
        .compose(page -> fireDue(page.documents()))
        .recover(
            e -> {
              LOG.warn("workflow timers not fired: {}", e.toString());
              return Future.succeededFuture();
            })
        .onComplete(ar -> busy.set(false));
  }

  private Future<Void> fireDue(List<Document> timers) {
    long now = clock.millis();
    Future<Void> chain = Future.succeededFuture();
    for (Document d : timers) {
      if (Keys.timerDue(d.key()) > now) {
        break; // the rest are later
      }
      chain = chain.compose(v -> stopped ? Future.succeededFuture() : fire(d));
    }
    return chain;
  }

  private Future<Void> fire(Document d) {
    JsonObject timer;
    try {
      timer = new JsonObject(d.json());
    } catch (RuntimeException e) {
      timer = null;
    }
    if (timer == null || !(timer.getValue("workflow_id") instanceof String)) {
      LOG.warn("workflow timer {} is not a timer; deleted", d.key());
      return store
          .transaction(
              tx -> {
                tx.delete(Keys.TIMERS, d.key());
                return Future.<Void>succeededFuture();
              })
          .mapEmpty();
    }
    return transitions.fire(d.key(), timer).mapEmpty();
  }
}
