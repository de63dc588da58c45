package io.switchboard.workflows.flow;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreConflictException;
import io.switchboard.core.store.StoreTransaction;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.signal.Signals;
import io.switchboard.workflows.live.LiveFrames;
import io.switchboard.workflows.model.Definitions;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.Viewer;
import io.switchboard.workflows.model.WorkflowDoc;
import io.switchboard.workflows.model.WorkflowIds;
import io.switchboard.workflows.wire.Messages;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs every workflow transition as one store transaction (SPEC C3; issue 9 point 5): read the
 * workflow, decide ({@link Decisions}), write it back with the revision read, together with its
 * per-user summary (when the status changed), its timers and its outbox messages (ordering key =
 * the workflow id). This is the "one node at a time" guarantee: of two nodes deciding on the same
 * revision one commit fails with a conflict, and that node reads again and decides again (up to
 * {@value #MAX_TRIES} times, after a short jittered pause), so a step is never dispatched twice.
 * After the commit the frames go to the room and the counters count, and a workflow that reached a
 * terminal status emits {@code workflow.completed|failed|cancelled} (issue 11 point 3; only the
 * committed transition emits, so once). Thread-safe; never blocks.
 */
public final class Transitions {
  /** Decisions per call before a conflict is given up (then the caller sees it: 503). */
  static final int MAX_TRIES = 20;

  private final Vertx vertx;
  private final Store store;
  private final Definitions definitions;
  private final Decisions decisions;
  private final LiveFrames live;
  private final WorkflowMetrics metrics;
  private final Clock clock;
  private final Signals signals;

  /**
   * @param vertx for the pauses between conflicting tries
   * @param store the store
   * @param definitions the workflow types
   * @param messages builds the broker messages
   * @param live publishes the frames
   * @param metrics counters
   * @param clock the time of decisions (tests may fix it)
   * @param signals where a workflow's end is emitted
   */
  public Transitions(
      Vertx vertx,
      Store store,
      Definitions definitions,
      Messages messages,
      LiveFrames live,
      WorkflowMetrics metrics,
      Clock clock,
      Signals signals) {
    this.vertx = vertx;
    this.store = store;
    this.definitions = definitions;
    this.decisions = new Decisions(new Rules(definitions, messages));
    this.live = live;
    this.metrics = metrics;
    this.clock = clock;
    this.signals = signals;
  }

  /** The workflow types. */
  public Definitions definitions() {
    return definitions;
  }

  /**
   * Creates and starts a workflow of {@code type} for {@code user} (seed 002 upload).
   *
   * @param productData the upload, kept as {@code metadata.product_data}
   * @return 202 with the new id and status; failed with {@link BadRequestException} for an unknown
   *     type, or the store's error
   */
  public Future<Outcome> start(String user, String type, JsonObject productData) {
    var steps = definitions.steps(type);
    if (steps == null) {
      return Future.failedFuture(
          new BadRequestException(
              "workflow_type must be one of " + new java.util.TreeSet<>(definitions.names())));
    }
    var now = clock.instant();
    String id = WorkflowIds.next(now.toEpochMilli());
    JsonObject created = WorkflowDoc.create(id, user, type, steps, productData, now);
    return run(
        id,
        c -> {
          if (c.before != null) { // an id taken already (a create that committed, then retried)
            c.outcome = Outcome.refused(409, "workflow_exists", "workflow " + id + " exists");
            return;
          }
          c.workflow = created.copy();
          decisions.start(c);
        },
        1);
  }

  /** A worker's completion (HTTP or the completions queue). */
  public Future<Outcome> complete(Completion completion) {
    return run(completion.workflowId(), c -> decisions.complete(c, completion), 1);
  }

  /** Cancels workflow {@code id} for {@code viewer}. */
  public Future<Outcome> cancel(String id, Viewer viewer) {
    return run(id, c -> decisions.cancel(c, viewer), 1);
  }

  /** Fires the due timer {@code key} (its document {@code timer}). */
  Future<Outcome> fire(String key, JsonObject timer) {
    String id = timer.getString("workflow_id", "");
    if (id.isEmpty() || id.length() > 512) { // not ours: drop it
      return store.transaction(
          tx -> {
            tx.delete(Keys.TIMERS, key);
            return Future.succeededFuture(Outcome.ok(200, "timer dropped", null, null));
          });
    }
    return run(id, c -> decisions.fire(c, key, timer), 1);
  }

  private Future<Outcome> run(String id, Consumer<Change> decide, int tries) {
    if (id.isEmpty() || id.length() > 512) {
      return Future.succeededFuture(
          Outcome.refused(404, "workflow_not_found", "workflow not found"));
    }
    return store
        .<Change>transaction(tx -> tx.get(Keys.WORKFLOWS, id).map(doc -> decide(tx, doc, decide)))
        .compose(
            c -> {
              c.counts.forEach(metrics::count);
              ended(c);
              return live.publish(id, c.frames).map(c.outcome);
            },
            e -> {
              if (e instanceof StoreConflictException && tries < MAX_TRIES) {
                metrics.conflict();
                return pause(tries).compose(v -> run(id, decide, tries + 1));
              }
              return Future.failedFuture(e);
            });
  }

  private Change decide(StoreTransaction tx, Document doc, Consumer<Change> decide) {
    Change c = new Change(doc == null ? null : new JsonObject(doc.json()), clock.instant());
    decide.accept(c);
    if (!c.writes()) {
      return c;
    }
    String id = c.workflow == null ? null : c.workflow.getString(WorkflowDoc.ID);
    if (c.changed) {
      tx.put(Keys.WORKFLOWS, id, c.workflow.encode(), doc == null ? 0 : doc.revision());
      String before = c.before == null ? null : c.before.getString(WorkflowDoc.STATUS);
      if (!c.workflow.getString(WorkflowDoc.STATUS).equals(before)) {
        tx.put(
            Keys.BY_USER,
            Keys.userPrefix(c.workflow.getString(WorkflowDoc.USER)) + id,
            WorkflowDoc.summary(c.workflow).encode());
      }
    }
    c.timerPuts.forEach((key, timer) -> tx.put(Keys.TIMERS, key, timer.encode()));
    c.timerDeletes.forEach(key -> tx.delete(Keys.TIMERS, key));
    for (BrokerMessage m : c.messages) {
      tx.outbox(m, id);
    }
    return c;
  }

  /** Emits the end of a workflow this change moved into a terminal status. */
  private void ended(Change c) {
    if (!c.changed || c.workflow == null) {
      return;
    }
    String status = c.workflow.getString(WorkflowDoc.STATUS);
    String before = c.before == null ? null : c.before.getString(WorkflowDoc.STATUS);
    if (status == null || status.equals(before) || !WorkflowDoc.terminal(status)) {
      return;
    }
    String id = c.workflow.getString(WorkflowDoc.ID);
    String user = c.workflow.getString(WorkflowDoc.USER);
    JsonObject data =
        new JsonObject()
            .put("id", id)
            .put("definition", c.workflow.getString(WorkflowDoc.TYPE))
            .put("status", status)
            .put("user", user);
    String error = c.workflow.getString(WorkflowDoc.ERROR_MSG);
    if (error != null) {
      data.put("error", error);
    }
    signals.emit(Signal.of("workflow." + status, id, "", user, data));
  }

  private Future<Void> pause(int tries) {
    Promise<Void> p = Promise.promise();
    long ms = 1 + ThreadLocalRandom.current().nextLong(Math.min(2L * tries, 50));
    vertx.setTimer(ms, t -> p.complete());
    return p.future();
  }
}
