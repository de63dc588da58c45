package io.switchboard.edge.tokens;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's signing keys on the store (SPEC C5; issue 11 point 1), collection {@code edge_keys},
 * one document per {@code kid}. At start the newest stored key becomes the signing key; with none
 * stored, a new P-256 key is generated and stored first (two nodes starting on an empty store may
 * each store one: both verify everywhere, because an unknown {@code kid} is looked up in the store
 * before a token is refused). Keys are never deleted here; rotation is a new key.
 */
public final class SigningKeys {
  /** The keys' collection. */
  public static final String KEYS = "edge_keys";

  private static final int MAX_KEYS = 100;

  private final Store store;
  private final SigningKey current;
  private final Map<String, SigningKey> known = new ConcurrentHashMap<>();

  private SigningKeys(Store store, SigningKey current, List<SigningKey> stored) {
    this.store = store;
    this.current = current;
    stored.forEach(k -> known.put(k.kid(), k));
    known.put(current.kid(), current);
  }

  /**
   * Loads the stored keys, or generates and stores the first one.
   *
   * @return the keys; failed when the store is unreachable
   */
  public static Future<SigningKeys> load(Store store, Clock clock) {
    return all(store)
        .compose(
            stored -> {
              if (!stored.isEmpty()) {
                SigningKey newest =
                    stored.stream().max(Comparator.comparing(SigningKey::createdAt)).orElseThrow();
                return Future.succeededFuture(new SigningKeys(store, newest, stored));
              }
              SigningKey fresh = SigningKey.generate(clock.instant());
              return store
                  .transaction(
                      tx -> {
                        tx.put(KEYS, fresh.kid(), fresh.toDocument(), 0);
                        return Future.succeededFuture(fresh);
                      })
                  .map(k -> new SigningKeys(store, k, List.of()));
            });
  }

  /** The key that signs new tokens. */
  public SigningKey current() {
    return current;
  }

  /**
   * The key {@code kid}: from memory, else from the store (a key another node made).
   *
   * @return the key, or {@code null} when no such key is stored
   */
  public Future<SigningKey> find(String kid) {
    SigningKey k = known.get(kid);
    if (k != null) {
      return Future.succeededFuture(k);
    }
    if (kid == null || kid.isEmpty() || kid.length() > 512) {
      return Future.succeededFuture(null);
    }
    return store
        .get(KEYS, kid)
        .map(
            d -> {
              if (d == null) {
                return null;
              }
              SigningKey found = SigningKey.fromDocument(d.json());
              known.put(found.kid(), found);
              return found;
            });
  }

  /**
   * The JWKS (RFC 7517 §5) of every stored key: {@code {"keys": [{kty, crv, x, y, kid, alg,
   * use}]}}, newest first.
   */
  public Future<JsonObject> jwks() {
    return all(store)
        .map(
            keys -> {
              JsonArray out = new JsonArray();
              keys.stream()
                  .sorted(Comparator.comparing(SigningKey::createdAt).reversed())
                  .forEach(k -> out.add(k.publicJwk()));
              return new JsonObject().put("keys", out);
            });
  }

  private static Future<List<SigningKey>> all(Store store) {
    return store
        .list(KEYS, null, MAX_KEYS)
        .map(
            page ->
                page.documents().stream()
                    .map(Document::json)
                    .map(SigningKey::fromDocument)
                    .toList());
  }
}
