package io.switchboard.server.limit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.limit.RateDecision;
import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.limit.RateRule;
import io.switchboard.server.api.ApiErrors;
import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.server.auth.HandshakeToken;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.config.RateLimitConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user, per-key and per-address rate limits on every HTTP route (SPEC C5: "per-IP and per-user
 * rate limits (the seed: 1 req/s burst 10 → 429)"; issue 11 point 2; which request counts against
 * which bucket: {@link RateLimitConfig}). Mounted on the router right after the request id, so a
 * 429 carries it. A refusal is {@code 429 {"error":{"code":"rate_limited",...}}} with {@code
 * Retry-After} in whole seconds (RFC 9110 §10.2.3) and {@code RateLimit-Remaining: 0}.
 *
 * <p>When the engine behind {@link RateLimits} fails (Redis unreachable), the request goes on and
 * {@code switchboard_http_rate_limit_errors_total} counts it: an outage of the limiter must not
 * become an outage of the API (Envoy's {@code failure_mode_deny: false}). Metrics: {@code
 * switchboard_http_rate_limited_total{bucket="ip|user|key"}}.
 */
public final class HttpRateLimit implements Handler<RoutingContext> {
  /**
   * The paths that do work for a caller without a credential (sign-in, the JWKS, incoming bot
   * updates): the only ones where an anonymous request takes from its address's bucket. The app's
   * {@code RoutePolicyIT} checks that this is exactly the set of public routes other than
   * operations and {@code /ws}.
   */
  public static final Set<String> OPEN_PATHS =
      Set.of(
          "/api/v1/auth/register",
          "/api/v1/auth/login",
          "/api/v1/auth/validate",
          "/api/v1/auth/refresh",
          "/api/v1/auth/logout",
          "/.well-known/jwks.json");

  private static final Logger LOG = LoggerFactory.getLogger(HttpRateLimit.class);

  private final RateLimits limits;
  private final ApiKeyHandler keys;
  private final TokenVerifier verifier;
  private final List<String> origins;
  private final RateRule ipRule;
  private final RateRule userRule;
  private final RateRule keyRule; // null: server keys are not limited
  private final Map<String, Counter> limited;
  private final Counter errors;

  private HttpRateLimit(
      RateLimits limits,
      RateLimitConfig config,
      ApiKeyHandler keys,
      TokenVerifier verifier,
      List<String> origins,
      MeterRegistry registry) {
    this.limits = limits;
    this.keys = keys;
    this.verifier = verifier;
    this.origins = origins;
    this.ipRule = new RateRule(config.ipPerSecond(), config.ipBurst());
    this.userRule = new RateRule(config.userPerSecond(), config.userBurst());
    this.keyRule =
        config.keyPerSecond() < 1 ? null : new RateRule(config.keyPerSecond(), config.keyBurst());
    this.limited =
        Map.of(
            "ip", counter(registry, "ip"),
            "user", counter(registry, "user"),
            "key", counter(registry, "key"));
    this.errors =
        Counter.builder("switchboard_http_rate_limit_errors")
            .description("requests let through because the rate limit engine failed")
            .register(registry);
  }

  /**
   * Mounts the limiter on every route of {@code router} (nothing when {@code config.enabled()} is
   * false).
   *
   * @param router the node's router, after the request id handler and before any API route
   * @param limits the engine's buckets (memory: this node; Redis: every node)
   * @param config {@code rateLimits.*}
   * @param apiKeys {@code api.keys}: a request with one of them counts as that key's
   * @param verifier verifies user tokens the way the user APIs do
   * @param origins {@code server.allowedOrigins}, for the {@code token} cookie rule
   * @param registry where the counters go
   */
  public static void mount(
      Router router,
      RateLimits limits,
      RateLimitConfig config,
      List<String> apiKeys,
      TokenVerifier verifier,
      List<String> origins,
      MeterRegistry registry) {
    if (config.enabled()) {
      router
          .route()
          .handler(
              new HttpRateLimit(
                  limits, config, new ApiKeyHandler(apiKeys), verifier, origins, registry));
    }
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    if (exempt(req)) {
      rc.next();
      return;
    }
    int key = keys.keyIndex(req);
    if (key >= 0) {
      if (keyRule == null) {
        rc.next();
      } else {
        hold(req);
        take(rc, "key", "key:" + key, keyRule);
      }
      return;
    }
    hold(req);
    String token = HandshakeToken.of(req.headers(), null, origins).token();
    Future<Principal> user =
        token == null ? Future.succeededFuture(Principal.ANONYMOUS) : verifier.verify(token);
    user.otherwise(Principal.ANONYMOUS)
        .onComplete(
            p -> {
              Principal who = p.result();
              if (who.authenticated()) {
                take(rc, "user", "user:" + who.user(), userRule);
              } else if (open(req.path())) {
                take(rc, "ip", "ip:" + address(req), ipRule);
              } else {
                next(rc); // the route answers 401/403 without doing any work
              }
            });
  }

  private void take(RoutingContext rc, String bucket, String key, RateRule rule) {
    limits
        .take(key, rule)
        .onComplete(
            d -> {
              if (d.failed()) {
                errors.increment();
                LOG.debug(
                    "rate limit engine failed, request let through: {}", d.cause().toString());
                next(rc);
              } else if (d.result().allowed()) {
                next(rc);
              } else {
                refuse(rc, bucket, d.result());
              }
            });
  }

  /**
   * The decision may wait for Redis or a token check: holds the body back until the route's body
   * handler is there, as vertx-web's own authentication handlers do.
   */
  private static void hold(HttpServerRequest req) {
    if (!req.isEnded()) {
      req.pause();
    }
  }

  /** Lets the body flow again (delivered on a later turn of the event loop). */
  private static void release(RoutingContext rc) {
    if (!rc.request().isEnded()) {
      rc.request().resume();
    }
  }

  /** Goes on to the route with the body flowing again. */
  private static void next(RoutingContext rc) {
    release(rc);
    rc.next();
  }

  private void refuse(RoutingContext rc, String bucket, RateDecision d) {
    release(rc);
    limited.get(bucket).increment();
    rc.response()
        .putHeader("Retry-After", Long.toString(d.retryAfterSeconds()))
        .putHeader("RateLimit-Remaining", "0");
    ApiErrors.send(
        rc,
        429,
        "rate_limited",
        "too many requests for this " + bucket + "; retry after " + d.retryAfterSeconds() + " s");
  }

  private static boolean exempt(HttpServerRequest req) {
    String path = req.path();
    return req.method() == HttpMethod.OPTIONS
        || path == null
        || path.equals("/health")
        || path.startsWith("/health/")
        || path.equals("/metrics")
        || "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
  }

  private static boolean open(String path) {
    return OPEN_PATHS.contains(path);
  }

  private static String address(HttpServerRequest req) {
    return req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
  }

  private static Counter counter(MeterRegistry registry, String bucket) {
    return Counter.builder("switchboard_http_rate_limited")
        .description("requests answered 429 by the HTTP rate limits")
        .tag("bucket", bucket)
        .register(registry);
  }
}
