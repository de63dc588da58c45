package io.switchboard.server.api;

import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one server API call and maps its outcome to a status and a JSON body. */
final class ApiCalls {
  private static final Logger LOG = LoggerFactory.getLogger(ApiCalls.class);

  private ApiCalls() {}

  /** A call on a resolved room. */
  interface RoomCall {
    Future<JsonObject> apply(String room, NamespaceConfig config);
  }

  /**
   * Replies {@code status} with the call's JSON; a {@code null} result is 404; a {@link
   * RequestException} maps to 400/403/404/503 by code; any other failure is 503.
   */
  static void reply(RoutingContext rc, int status, Supplier<Future<JsonObject>> call) {
    Future<JsonObject> result;
    try {
      result = call.get();
    } catch (RequestException e) {
      fail(rc, e);
      return;
    }
    result
        .onSuccess(
            json -> {
              if (json == null) {
                ApiErrors.send(rc, 404, "not_found", "nothing stored for this room");
              } else {
                rc.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(json.encode());
              }
            })
        .onFailure(
            e -> {
              if (e instanceof RequestException r) {
                fail(rc, r);
              } else {
                LOG.warn("server API call {} failed: {}", rc.normalizedPath(), e.toString());
                ApiErrors.send(rc, 503, "unavailable", "engine unavailable; nothing was changed");
              }
            });
  }

  private static void fail(RoutingContext rc, RequestException e) {
    int status =
        switch (e.code()) {
          case UNKNOWN_NAMESPACE -> 404;
          case FORBIDDEN -> 403;
          case BUFFER_FULL, UNAVAILABLE -> 503;
          default -> 400;
        };
    ApiErrors.send(rc, status, e.code().wire(), e.getMessage());
  }
}
