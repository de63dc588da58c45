package io.switchboard.server.ops;

import io.switchboard.core.Ports;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (liveness: the process answers), {@code GET /health/ready} (readiness:
 * every engine reachable and not shutting down; 503 otherwise) and {@code GET /metrics}
 * (Prometheus text) — SPEC "Operations". All three are unauthenticated by design: they reveal
 * no user data.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  /** Mounts the three routes. */
  public static void mount(Router router, Ports ports, GatewayMetrics metrics, BooleanSupplier stopping) {
    router.get("/health").handler(rc -> rc.response().putHeader("Content-Type", "application/json")
        .end("{\"status\":\"up\"}"));
    router.get("/health/ready").handler(rc -> {
      if (stopping.getAsBoolean()) {
        rc.response().setStatusCode(503).putHeader("Content-Type", "application/json")
            .end("{\"status\":\"stopping\"}");
        return;
      }
      ports.ready().onComplete(ar -> rc.response().setStatusCode(ar.succeeded() ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .end(ar.succeeded() ? "{\"status\":\"ready\"}" : "{\"status\":\"engine unavailable\"}"));
    });
    router.get("/metrics").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
  }
}
