package io.switchboard.server.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per HTTP request when its response is sent, {@code log.access: true} (issue 11
 * point 2): {@code GET /api/v1/auth/profile 200 143 B 2 ms}, on the logger {@code
 * io.switchboard.access}, with the request id in the line like every other line of the request
 * ({@link RequestIds}). Paths only: never a query string or a header, which may hold a token.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.access");

  private AccessLog() {}

  /**
   * Mounts the access log on every route of {@code router}, right after {@link HttpEdge}.
   *
   * @param router the node's router
   */
  public static void mount(Router router) {
    router.route().handler(new AccessLog());
  }

  @Override
  public void handle(RoutingContext rc) {
    long start = System.nanoTime();
    String method = rc.request().method().name();
    String path = rc.request().path();
    rc.addEndHandler(
        v ->
            LOG.info(
                "{} {} {} {} B {} ms",
                method,
                path,
                rc.response().getStatusCode(),
                rc.response().bytesWritten(),
                (System.nanoTime() - start) / 1_000_000));
    rc.next();
  }
}
