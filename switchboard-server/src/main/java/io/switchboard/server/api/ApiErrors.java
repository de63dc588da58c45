package io.switchboard.server.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The error body of the HTTP APIs: {@code {"error": {"code", "message"}}} with a status. */
final class ApiErrors {
  private ApiErrors() {}

  static void send(RoutingContext rc, int status, String code, String message) {
    if (rc.response().ended()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("error", new JsonObject().put("code", code).put("message", message))
                .encode());
  }
}
