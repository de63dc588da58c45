package io.switchboard.edge.http;

import io.switchboard.edge.tokens.InvalidTokenException;
import io.switchboard.edge.users.EmailTakenException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status and JSON body of an edge request (SPEC C5; docs/edge.md "Errors"): errors are {@code
 * {"error":{"code","message"}}} as in the other APIs.
 */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  /** {@code status} with a JSON body; never cached. */
  static void json(RoutingContext rc, int status, JsonObject body) {
    if (!rc.response().ended()) {
      rc.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(body.encode());
    }
  }

  /** An error reply. */
  static void error(RoutingContext rc, int status, String code, String message) {
    json(
        rc,
        status,
        new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
  }

  /** The one 401 of a token that is missing or not valid (no reason given to the caller). */
  static void unauthorized(RoutingContext rc) {
    rc.response().putHeader("WWW-Authenticate", "Bearer");
    error(rc, 401, "unauthorized", "a valid access token is required");
  }

  /**
   * The reply of a failure: {@link BadRequestException} 400, {@link EmailTakenException} 409,
   * {@link InvalidTokenException} 401, anything else 503 {@code unavailable} (logged without the
   * request's body).
   */
  static void fail(RoutingContext rc, Throwable e) {
    if (e instanceof BadRequestException b) {
      error(rc, 400, "bad_request", b.getMessage());
    } else if (e instanceof EmailTakenException t) {
      error(rc, 409, "email_taken", t.getMessage());
    } else if (e instanceof InvalidTokenException) {
      unauthorized(rc);
    } else {
      LOG.warn("{} {} failed: {}", rc.request().method(), rc.normalizedPath(), e.toString());
      error(rc, 503, "unavailable", "store unavailable; nothing was changed");
    }
  }

  /** The body as a JSON object, or a {@link BadRequestException}. */
  static JsonObject body(RoutingContext rc) {
    try {
      JsonObject body = rc.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // below
    }
    throw new BadRequestException("the body must be a JSON object");
  }

  /** The text field {@code name} of {@code body}, or a {@link BadRequestException}. */
  static String text(JsonObject body, String name) {
    if (body.getValue(name) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new BadRequestException(name + " is required and must be text");
  }
}
