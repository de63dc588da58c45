package io.switchboard.server.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The error body of the HTTP APIs: {@code {"error": {"code", "message"}}} with a status. Public so
 * that capabilities answer errors in the same shape.
 */
public final class ApiErrors {
  private ApiErrors() {}

  /**
   * Ends the response with {@code status} and the error body, unless it has ended already.
   *
   * @param rc the request
   * @param status the HTTP status
   * @param code the snake_case error code, e.g. {@code bad_request}
   * @param message a human-readable reason; sent to the client, so never a secret
   */
  public static void send(RoutingContext rc, int status, String code, String message) {
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
