package io.switchboard.commands.http;

import io.switchboard.commands.domain.BadCommandException;
import io.switchboard.server.auth.AuthException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps a request's outcome to a status and a JSON body (SPEC C2 APIs). */
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

  /**
   * The error reply of a failure: {@link CommandException} by its code, {@link BadCommandException}
   * 400, {@link AuthException} 401, anything else 503 {@code unavailable} (logged, without the
   * request).
   */
  static void fail(RoutingContext rc, Throwable e) {
    CommandException c;
    if (e instanceof CommandException ce) {
      c = ce;
    } else if (e instanceof BadCommandException b) {
      c = new CommandException(CommandError.BAD_REQUEST, b.getMessage());
    } else if (e instanceof AuthException a) {
      c = new CommandException(CommandError.UNAUTHORIZED, a.getMessage());
    } else {
      LOG.warn("{} {} failed: {}", rc.request().method(), rc.normalizedPath(), e.toString());
      c = new CommandException(CommandError.UNAVAILABLE, "store unavailable; nothing was changed");
    }
    JsonObject error = c.extra().put("code", c.error().code()).put("message", c.getMessage());
    json(rc, c.error().status(), new JsonObject().put("error", error));
  }

  /** The body as a JSON object, or a 400 {@link CommandException}. */
  static JsonObject body(RoutingContext rc) {
    try {
      JsonObject body = rc.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (RuntimeException e) {
      // below
    }
    throw new CommandException(CommandError.BAD_REQUEST, "the body must be a JSON object");
  }
}
