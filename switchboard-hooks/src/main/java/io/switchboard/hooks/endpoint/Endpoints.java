package io.switchboard.hooks.endpoint;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The registered endpoints on the store port (memory or PostgreSQL), one document per endpoint in
 * {@value #COLLECTION} keyed by its id, secret included (it signs). Every node reads the same
 * documents; a node caches the list for {@code cacheMillis} (its own changes drop the cache at
 * once), so an endpoint registered on another node receives signals within that time.
 */
public final class Endpoints {
  /** The store collection of the endpoints. */
  public static final String COLLECTION = "hooks_endpoints";

  /** Most endpoints a store holds (registration beyond: 409). */
  public static final int MAX = 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final long cacheMillis;
  private volatile Future<List<Endpoint>> cached;
  private volatile long cachedAt;

  /**
   * @param store where the endpoints live
   * @param cacheMillis how long the list read for signals is reused, milliseconds
   */
  public Endpoints(Store store, long cacheMillis) {
    this.store = store;
    this.cacheMillis = cacheMillis;
  }

  /**
   * Stores a new endpoint.
   *
   * @return the endpoint with its secret (generated {@code whsec_} + 43 base64url characters when
   *     none was given); failed with {@link IllegalStateException} when {@value #MAX} exist, or the
   *     store's error
   */
  public Future<Endpoint> register(Registration.Checked r) {
    String secret = r.secret() != null ? r.secret() : "whsec_" + base64(32);
    Endpoint e =
        new Endpoint(
            "wh_" + HexFormat.of().formatHex(bytes(16)),
            r.url(),
            r.events(),
            secret,
            System.currentTimeMillis());
    return all(false)
        .compose(
            list ->
                list.size() >= MAX
                    ? Future.failedFuture(
                        new IllegalStateException("at most " + MAX + " endpoints"))
                    : store.transaction(
                        tx -> {
                          tx.put(COLLECTION, e.id(), e.toStored().encode(), 0);
                          return Future.succeededFuture(e);
                        }))
        .onComplete(x -> cached = null);
  }

  /** The endpoint {@code id}, or {@code null}. */
  public Future<Endpoint> get(String id) {
    return store
        .get(COLLECTION, id)
        .map(d -> d == null ? null : Endpoint.fromStored(new JsonObject(d.json())));
  }

  /**
   * Deletes endpoint {@code id}.
   *
   * @return whether it existed
   */
  public Future<Boolean> delete(String id) {
    return store
        .<Boolean>transaction(
            tx ->
                tx.get(COLLECTION, id)
                    .map(
                        d -> {
                          if (d != null) {
                            tx.delete(COLLECTION, id);
                          }
                          return d != null;
                        }))
        .onComplete(x -> cached = null);
  }

  /**
   * Every endpoint, in id order.
   *
   * @param cache whether a list read less than {@code cacheMillis} ago will do (delivery), or the
   *     store must be read now (the API)
   */
  public Future<List<Endpoint>> all(boolean cache) {
    Future<List<Endpoint>> c = cached;
    long now = System.currentTimeMillis();
    if (cache && c != null && now - cachedAt < cacheMillis && !c.failed()) {
      return c;
    }
    Future<List<Endpoint>> read =
        store
            .list(COLLECTION, null, MAX)
            .map(
                page -> {
                  List<Endpoint> out = new ArrayList<>();
                  for (Document d : page.documents()) {
                    out.add(Endpoint.fromStored(new JsonObject(d.json())));
                  }
                  return List.copyOf(out);
                });
    cached = read;
    cachedAt = now;
    return read;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String base64(int n) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
  }
}
