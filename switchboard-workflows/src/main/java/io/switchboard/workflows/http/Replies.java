package io.switchboard.workflows.http;

import io.switchboard.server.auth.AuthException;
import io.switchboard.workflows.flow.BadRequestException;
import io.switchboard.workflows.flow.Outcome;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status and JSON body of a workflow request (SPEC C3; docs/workflows.md "Errors"): errors are
 * {@code {"error":{"code","message"}}} as in the commands and server APIs.
 */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  /** {@code status} with a JSON body. */
  static void json(RoutingContext rc, int status, JsonObject body) {
    if (!rc.response().ended()) {
      rc.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(body.encode());
    }
  }

  /** A refused outcome as an error. */
  static void refused(RoutingContext rc, Outcome o) {
    error(rc, o.status(), o.code(), o.message());
  }

  /** An error reply. */
  static void error(RoutingContext rc, int status, String code, String message) {
    json(
        rc,
        status,
        new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
  }

  /**
   * The reply of a failure: {@link BadRequestException} 400, {@link AuthException} 401, anything
   * else 503 {@code unavailable} (logged without the request).
   */
  static void fail(RoutingContext rc, Throwable e) {
    if (e instanceof BadRequestException b) {
      error(rc, 400, "bad_request", b.getMessage());
    } else if (e instanceof AuthException a) {
      error(rc, 401, "unauthorized", a.getMessage());
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
}
