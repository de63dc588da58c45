package io.switchboard.server.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The body limit of a JSON API (SPEC "bad input": oversized bodies get a clear error): a {@link
 * BodyHandler} that reads at most {@code maxBytes} on each given route, and one failure handler
 * that turns its 413 into the API error body {@code {"error":{"code":"payload_too_large",
 * "message"}}} naming the setting. Shared by the capabilities' routes (workflows, tunnel, edge).
 */
public final class BodyLimit {
  private BodyLimit() {}

  /**
   * Mounts the limit.
   *
   * @param router the node's router
   * @param failures the route pattern whose 413 failures are answered, e.g. {@code
   *     /api/v1/workflow/*}
   * @param maxBytes the largest body, in bytes
   * @param setting the configuration key of {@code maxBytes}, named in the message
   * @param postPaths the POST routes whose bodies are read
   */
  public static void mount(
      Router router, String failures, int maxBytes, String setting, String... postPaths) {
    for (String path : postPaths) {
      router.post(path).handler(BodyHandler.create(false).setBodyLimit(maxBytes));
    }
    router
        .route(failures)
        .failureHandler(
            rc -> {
              if (rc.statusCode() == 413) {
                ApiErrors.send(
                    rc,
                    413,
                    "payload_too_large",
                    "the body is over " + setting + " (" + maxBytes + " bytes)");
              } else {
                rc.next();
              }
            });
  }
}
