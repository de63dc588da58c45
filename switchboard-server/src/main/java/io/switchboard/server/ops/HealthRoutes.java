package io.switchboard.server.ops;

import io.switchboard.core.Ports;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (liveness: the process answers), {@code GET /health/ready} (readiness: every
 * engine reachable and not shutting down; 503 otherwise) and {@code GET /metrics} (Prometheus text)
 * — SPEC "Operations". All three are unauthenticated by design: they reveal no user data.
 */
public final class HealthRoutes {
  private HealthRoutes() {}

  /**
   * Mounts the three routes. {@code /health} answers {@code 200 {"status":"up"}}; {@code
   * /health/ready} {@code 200 {"status":"ready"}}, or 503 with {@code {"status":"stopping"}} or
   * {@code {"status":"engine unavailable"}}; {@code /metrics} the Prometheus text.
   *
   * @param router the node's router
   * @param ports whose {@link Ports#ready()} readiness asks
   * @param metrics scraped by {@code /metrics}
   * @param stopping true once a graceful stop began
   */
  public static void mount(
      Router router, Ports ports, GatewayMetrics metrics, BooleanSupplier stopping) {
    router
        .get("/health")
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"up\"}"));
    router
        .get("/health/ready")
        .handler(
            rc -> {
              if (stopping.getAsBoolean()) {
                rc.response()
                    .setStatusCode(503)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"stopping\"}");
                return;
              }
              ports
                  .ready()
                  .onComplete(
                      ar ->
                          rc.response()
                              .setStatusCode(ar.succeeded() ? 200 : 503)
                              .putHeader("Content-Type", "application/json")
                              .end(
                                  ar.succeeded()
                                      ? "{\"status\":\"ready\"}"
                                      : "{\"status\":\"engine unavailable\"}"));
            });
    router
        .get("/metrics")
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
  }
}
