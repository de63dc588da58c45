package io.switchboard.hooks.delivery;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-target delivery state, visible from every node (issue 11 point 3). Several nodes deliver to
 * one endpoint, so that nobody's update is lost each node keeps its own document, {@value
 * #COLLECTION}{@code /<target>/<node>}, which only it writes, one write at a time (a read-modify-
 * write in one store transaction; changes arriving meanwhile are merged into the next write, and a
 * failed write is retried). A read sums the documents of a target: {@code delivered}, {@code
 * failed_attempts}, {@code dead_lettered} are totals; {@code consecutive_failures}, {@code
 * last_status}, {@code last_error} come from the most recently updated node's document; {@code
 * last_success_at} is the latest of all.
 */
public final class EndpointStates {
  /** The store collection. */
  public static final String COLLECTION = "hooks_state";

  private static final long RETRY_MS = 1000;

  private final Vertx vertx;
  private final Store store;
  private final String node;
  private final Map<String, Deque<Consumer<JsonObject>>> pending = new HashMap<>();
  private final Map<String, Boolean> writing = new HashMap<>();

  /**
   * @param vertx for the pause before a failed write is tried again
   * @param store where the state documents live
   * @param node this node's id
   */
  public EndpointStates(Vertx vertx, Store store, String node) {
    this.vertx = vertx;
    this.store = store;
    this.node = node;
  }

  /** Records an attempt's answer for {@code target}. */
  void attempt(String target, Answer a, boolean deadLettered) {
    long now = System.currentTimeMillis();
    update(
        target,
        j -> {
          j.put("last_status", a.status()).put("last_error", a.error()).put("updated_at", now);
          if (a.delivered()) {
            j.put("delivered", j.getLong("delivered", 0L) + 1)
                .put("consecutive_failures", 0)
                .put("last_success_at", now);
          } else {
            j.put("failed_attempts", j.getLong("failed_attempts", 0L) + 1)
                .put("consecutive_failures", j.getLong("consecutive_failures", 0L) + 1);
          }
          if (deadLettered) {
            j.put("dead_lettered", j.getLong("dead_lettered", 0L) + 1);
          }
        });
  }

  /** Records a delivery dead-lettered without an attempt (a full queue, a node stopping). */
  void deadLettered(String target, String error) {
    long now = System.currentTimeMillis();
    update(
        target,
        j ->
            j.put("dead_lettered", j.getLong("dead_lettered", 0L) + 1)
                .put("last_error", error)
                .put("updated_at", now));
  }

  private synchronized void update(String target, Consumer<JsonObject> change) {
    pending.computeIfAbsent(target, t -> new ArrayDeque<>()).add(change);
    flush(target);
  }

  private synchronized void flush(String target) {
    Deque<Consumer<JsonObject>> queue = pending.get(target);
    if (Boolean.TRUE.equals(writing.get(target)) || queue == null || queue.isEmpty()) {
      return;
    }
    List<Consumer<JsonObject>> batch = List.copyOf(queue);
    queue.clear();
    writing.put(target, true);
    String key = target + "/" + node;
    store
        .transaction(
            tx ->
                tx.get(COLLECTION, key)
                    .map(
                        d -> {
                          JsonObject j = d == null ? new JsonObject() : new JsonObject(d.json());
                          batch.forEach(c -> c.accept(j));
                          tx.put(COLLECTION, key, j.put("node", node).encode());
                          return null;
                        }))
        .onComplete(ar -> written(target, batch, ar.succeeded()));
  }

  private synchronized void written(
      String target, List<Consumer<JsonObject>> batch, boolean succeeded) {
    writing.put(target, false);
    if (!succeeded) {
      Deque<Consumer<JsonObject>> queue = pending.get(target);
      for (int i = batch.size() - 1; i >= 0; i--) {
        queue.addFirst(batch.get(i));
      }
      vertx.setTimer(RETRY_MS, t -> flush(target));
      return;
    }
    flush(target);
  }

  /**
   * Deletes the state documents of {@code target} (its endpoint was deleted); a write in flight on
   * another node may still leave one, which nothing lists.
   */
  public Future<Void> clear(String target) {
    String prefix = target + "/";
    return store
        .list(COLLECTION, prefix, 1000)
        .compose(
            page ->
                store.transaction(
                    tx -> {
                      for (Document d : page.documents()) {
                        if (d.key().startsWith(prefix)) {
                          tx.delete(COLLECTION, d.key());
                        }
                      }
                      return Future.succeededFuture();
                    }));
  }

  /** The summed state of every target, by target. */
  public Future<Map<String, JsonObject>> all() {
    return store
        .list(COLLECTION, null, 10_000)
        .map(
            page -> {
              Map<String, JsonObject> out = new HashMap<>();
              for (Document d : page.documents()) {
                String target = d.key().substring(0, Math.max(0, d.key().lastIndexOf('/')));
                out.merge(target, new JsonObject(d.json()), EndpointStates::sum);
              }
              out.replaceAll((t, j) -> view(j));
              return out;
            });
  }

  /** The state of a target never delivered to. */
  public static JsonObject empty() {
    return view(new JsonObject());
  }

  private static JsonObject sum(JsonObject a, JsonObject b) {
    JsonObject latest = a.getLong("updated_at", 0L) >= b.getLong("updated_at", 0L) ? a : b;
    long success = Math.max(a.getLong("last_success_at", 0L), b.getLong("last_success_at", 0L));
    JsonObject out =
        new JsonObject()
            .put("delivered", a.getLong("delivered", 0L) + b.getLong("delivered", 0L))
            .put(
                "failed_attempts",
                a.getLong("failed_attempts", 0L) + b.getLong("failed_attempts", 0L))
            .put("dead_lettered", a.getLong("dead_lettered", 0L) + b.getLong("dead_lettered", 0L))
            .put("consecutive_failures", latest.getLong("consecutive_failures", 0L))
            .put("last_status", latest.getValue("last_status"))
            .put("last_error", latest.getValue("last_error"))
            .put("updated_at", latest.getLong("updated_at", 0L));
    return success > 0 ? out.put("last_success_at", success) : out;
  }

  private static JsonObject view(JsonObject j) {
    long success = j.getLong("last_success_at", 0L);
    return new JsonObject()
        .put("delivered", j.getLong("delivered", 0L))
        .put("failed_attempts", j.getLong("failed_attempts", 0L))
        .put("dead_lettered", j.getLong("dead_lettered", 0L))
        .put("consecutive_failures", j.getLong("consecutive_failures", 0L))
        .put("last_status", j.getValue("last_status"))
        .put("last_error", j.getValue("last_error"))
        .put(
            "last_success_at",
            success > 0 ? java.time.Instant.ofEpochMilli(success).toString() : null);
  }
}
