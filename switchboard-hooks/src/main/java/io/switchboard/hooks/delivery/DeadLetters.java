package io.switchboard.hooks.delivery;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries given up, on the store port: one document per dead letter in {@value #COLLECTION},
 * keyed {@code <target>/<epoch ms, 13 digits>-<signal id>}, so a target's dead letters list oldest
 * first: {@code {signal: <the payload>, attempts, last_status, last_error, at, node}}.
 */
public final class DeadLetters {
  /** The store collection. */
  public static final String COLLECTION = "hooks_dead_letters";

  /** Most dead letters listed (and redelivered) at once. */
  public static final int PAGE = 1000;

  private final Store store;

  /**
   * @param store where dead letters are kept
   */
  public DeadLetters(Store store) {
    this.store = store;
  }

  /** Stores one. */
  Future<Void> add(String target, JsonObject letter) {
    String key =
        target + "/" + String.format("%013d", System.currentTimeMillis()) + "-" + letterId(letter);
    return store.transaction(
        tx -> {
          tx.put(COLLECTION, key, letter.encode());
          return Future.succeededFuture();
        });
  }

  /**
   * The dead letters of {@code target}, oldest first, at most {@value #PAGE}.
   *
   * @return each with its {@code key}
   */
  public Future<JsonArray> list(String target) {
    return page(target)
        .map(
            docs -> {
              JsonArray out = new JsonArray();
              docs.forEach(d -> out.add(new JsonObject(d.json()).put("key", d.key())));
              return out;
            });
  }

  /**
   * Takes the dead letters of {@code target} out of the store (oldest first, at most {@value
   * #PAGE}) for a redelivery.
   *
   * @return their signal payloads
   */
  public Future<List<JsonObject>> take(String target) {
    return page(target)
        .compose(
            docs ->
                store.transaction(
                    tx -> {
                      List<JsonObject> out = new ArrayList<>();
                      for (Document d : docs) {
                        tx.delete(COLLECTION, d.key());
                        out.add(new JsonObject(d.json()).getJsonObject("signal"));
                      }
                      return Future.succeededFuture(out);
                    }));
  }

  /** Deletes every dead letter of {@code target} (its endpoint was deleted). */
  public Future<Void> clear(String target) {
    return take(target).mapEmpty();
  }

  private Future<List<Document>> page(String target) {
    String prefix = target + "/";
    return store
        .list(COLLECTION, prefix, PAGE)
        .map(p -> p.documents().stream().filter(d -> d.key().startsWith(prefix)).toList());
  }

  private static String letterId(JsonObject letter) {
    JsonObject s = letter.getJsonObject("signal");
    return s == null ? "?" : s.getString("id", "?");
  }
}
