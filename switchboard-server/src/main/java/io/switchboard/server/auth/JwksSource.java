package io.switchboard.server.auth;

import io.switchboard.server.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key set behind {@code auth.jwksUrl} (seed 003; issue 7 part 2, point 1): fetched at start (a
 * failure fails the start), again every {@code jwksRefresh}, and when a token names an unknown
 * {@code kid} (at most once per {@code jwksMinRefetch}). Each fetch takes at most {@code
 * jwksTimeout}. A fetch that fails, or answers a set without a usable signing key ({@link
 * JwksKeys}), keeps the previous set and is logged and counted.
 */
final class JwksSource {
  private static final Logger LOG = LoggerFactory.getLogger(JwksSource.class);

  /** One accepted key set: the verifier built from it and its {@code kid}s. */
  private record Keys(JWTAuth auth, Set<String> kids) {}

  private final Vertx vertx;
  private final AuthConfig config;
  private final JWTOptions options;
  private final WebClient client;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Keys current;
  private Future<Keys> refetching;
  private long lastRefetch;
  private boolean refetched;

  private JwksSource(Vertx vertx, AuthConfig config, JWTOptions options) {
    this.vertx = vertx;
    this.config = config;
    this.options = options;
    this.client = WebClient.create(vertx);
  }

  /**
   * Fetches the key set and schedules the refreshes.
   *
   * @param options the claim checks (issuer, audience, leeway) of every verifier built
   * @return the source; failed with a message naming {@code auth.jwksUrl} for a plain-http URL
   *     without {@code auth.jwksAllowHttp}, an unreachable or slow URL, or a set without a usable
   *     key
   */
  static Future<JwksSource> start(Vertx vertx, AuthConfig config, JWTOptions options) {
    if (!"https".equalsIgnoreCase(URI.create(config.jwksUrl()).getScheme())
        && !config.jwksAllowHttp()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "auth.jwksUrl: \""
                  + safe(config.jwksUrl())
                  + "\" is plain http, so the keys can be replaced on the way (allowed: https://…; http:// only with"
                  + " auth.jwksAllowHttp: true, for tests and local development)"));
    }
    JwksSource source = new JwksSource(vertx, config, options);
    return source
        .fetch()
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "auth.jwksUrl: " + safe(config.jwksUrl()) + ": " + e.getMessage(), e)))
        .map(
            keys -> {
              source.current = keys;
              vertx.setPeriodic(config.jwksRefresh().toMillis(), t -> source.refresh());
              return source;
            });
  }

  /** A periodic refresh; skipped while the previous one is still running (a slow server). */
  private void refresh() {
    if (refreshing.compareAndSet(false, true)) {
      fetch()
          .onSuccess(fresh -> current = fresh)
          .onFailure(this::failed)
          .onComplete(ar -> refreshing.set(false));
    }
  }

  private Future<Keys> fetch() {
    long timeout = config.jwksTimeout().toMillis();
    return client
        .getAbs(config.jwksUrl())
        .timeout(timeout)
        .send()
        .timeout(timeout, TimeUnit.MILLISECONDS)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof TimeoutException
                        ? new IllegalStateException(
                            "the JWKS fetch timed out after " + timeout + " ms")
                        : e))
        .map(
            resp -> {
              if (resp.statusCode() != 200) {
                throw new IllegalStateException(
                    "the JWKS fetch answered HTTP " + resp.statusCode());
              }
              String body = resp.bodyAsString();
              if (body == null || body.isBlank()) {
                throw new IllegalStateException("the JWKS fetch answered an empty body");
              }
              JwksKeys keys = JwksKeys.select(new JsonObject(body), config.algorithm());
              return new Keys(
                  JWTAuth.create(
                      vertx, new JWTAuthOptions().setJwks(keys.keys()).setJWTOptions(options)),
                  keys.kids());
            });
  }

  private void failed(Throwable e) {
    long n = failures.incrementAndGet();
    LOG.warn(
        "JWKS refresh from {} failed ({} failures so far), keeping the previous key set: {}",
        safe(config.jwksUrl()),
        n,
        e.getMessage());
  }

  /** How many refreshes (periodic or for an unknown {@code kid}) have failed since the start. */
  long failures() {
    return failures.get();
  }

  /**
   * The verifier for a token naming {@code kid}: the current one when {@code kid} is known or
   * absent; otherwise the one of a fresh fetch, unless a fetch for an unknown {@code kid} was
   * started less than {@code jwksMinRefetch} ago (then the current one, which refuses the token).
   * Tokens arriving during that fetch wait for the same fetch.
   */
  Future<JWTAuth> verifierFor(String kid) {
    Keys keys = current;
    if (kid == null || keys.kids().contains(kid)) {
      return Future.succeededFuture(keys.auth());
    }
    return refetch().map(Keys::auth);
  }

  private synchronized Future<Keys> refetch() {
    if (refetching != null) {
      return refetching;
    }
    long now = System.nanoTime();
    if (refetched && now - lastRefetch < config.jwksMinRefetch().toNanos()) {
      return Future.succeededFuture(current);
    }
    refetched = true;
    lastRefetch = now;
    Future<Keys> f =
        fetch()
            .transform(
                ar -> {
                  if (ar.succeeded()) {
                    current = ar.result();
                  } else {
                    failed(ar.cause());
                  }
                  return Future.succeededFuture(current);
                });
    refetching = f;
    f.onComplete(
        ar -> {
          synchronized (this) {
            if (refetching == f) {
              refetching = null;
            }
          }
        });
    return f;
  }

  /** The URL without user info and query, for messages and logs. */
  static String safe(String url) {
    try {
      URI u = URI.create(url);
      return u.getScheme()
          + "://"
          + u.getHost()
          + (u.getPort() < 0 ? "" : ":" + u.getPort())
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return "<unparseable URL>";
    }
  }
}
