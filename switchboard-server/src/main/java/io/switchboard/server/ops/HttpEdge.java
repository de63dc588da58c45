package io.switchboard.server.ops;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What every HTTP answer of the node carries (SPEC C5 "request ids, security headers, CORS"; issue
 * 11 point 2), mounted first on the router:
 *
 * <ul>
 *   <li><b>Request id</b>: {@code X-Request-Id} taken from the request when it is 1 to 128 of
 *       {@code A-Z a-z 0-9 . _ -}, else a new UUID; echoed on the response, kept in the routing
 *       context ({@link #requestId}) and in the request's Vert.x context for every log line of the
 *       request ({@link RequestIds}).
 *   <li><b>Security headers</b>: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options:
 *       DENY}, {@code Referrer-Policy: no-referrer}, {@code Content-Security-Policy: default-src
 *       'none'; frame-ancestors 'none'}, {@code Cache-Control: no-store} (the node serves APIs,
 *       never pages to frame or cache).
 *   <li><b>CORS</b> (vertx-web's {@link CorsHandler}) for the origins of {@code
 *       server.allowedOrigins}: none when the list is empty (the default: browsers on other sites
 *       cannot read the answers), every origin for {@code *}.
 * </ul>
 */
public final class HttpEdge implements Handler<RoutingContext> {
  /** The request and response header of the request id. */
  public static final String REQUEST_ID = "X-Request-Id";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private HttpEdge() {}

  /**
   * Mounts the request id and security headers on every route, then CORS for {@code origins}.
   *
   * @param router the node's router, before any other route
   * @param origins {@code server.allowedOrigins}
   */
  public static void mount(Router router, List<String> origins) {
    router.route().handler(new HttpEdge());
    if (!origins.isEmpty()) {
      CorsHandler cors =
          origins.contains("*") ? CorsHandler.create() : CorsHandler.create().addOrigins(origins);
      router
          .route()
          .handler(
              cors.allowedMethods(
                      Set.of(
                          HttpMethod.GET,
                          HttpMethod.POST,
                          HttpMethod.PUT,
                          HttpMethod.DELETE,
                          HttpMethod.OPTIONS))
                  .allowedHeaders(
                      Set.of(
                          "Authorization",
                          "Content-Type",
                          "Idempotency-Key",
                          "X-API-Key",
                          REQUEST_ID))
                  .exposedHeaders(Set.of(REQUEST_ID, "Location", "Command-Id", "Retry-After"))
                  .maxAgeSeconds(600));
    }
  }

  /** The request id of {@code rc}, as echoed on its response. */
  public static String requestId(RoutingContext rc) {
    return rc.get(REQUEST_ID);
  }

  @Override
  public void handle(RoutingContext rc) {
    String given = rc.request().getHeader(REQUEST_ID);
    String id =
        given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    rc.put(REQUEST_ID, id);
    RequestIds.set(id);
    rc.response()
        .putHeader(REQUEST_ID, id)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .putHeader("Cache-Control", "no-store");
    rc.next();
  }
}
