package io.switchboard.server.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Guards the server API (SPEC C1 "Server API"): the request must carry {@code X-API-Key: <key>} or
 * {@code Authorization: apikey <key>} equal to a configured key (compared in constant time). With
 * no key configured every request gets 503, so the API is never open by accident. Public so that
 * capabilities in other modules (commands: {@code /api/v1/streams}, {@code /api/v1/projections})
 * guard their backend routes the same way.
 */
public final class ApiKeyHandler implements Handler<RoutingContext> {
  private final List<byte[]> keys;

  /**
   * @param keys {@code api.keys}; empty answers every request 503 {@code api_disabled}
   */
  public ApiKeyHandler(List<String> keys) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Passes the request on with a valid key; else answers 401 {@code unauthorized} or 503. */
  @Override
  public void handle(RoutingContext rc) {
    if (keys.isEmpty()) {
      ApiErrors.send(rc, 503, "api_disabled", "the server API is disabled: configure api.keys");
      return;
    }
    if (keyIndex(rc.request()) < 0) {
      ApiErrors.send(rc, 401, "unauthorized", "missing or invalid API key");
      return;
    }
    rc.next();
  }

  /**
   * Which configured key {@code req} presents, in {@code X-API-Key} or {@code Authorization: ApiKey
   * <key>}, compared in constant time.
   *
   * @return the key's index in {@code api.keys}, or -1 when it presents none or an unknown one
   */
  public int keyIndex(HttpServerRequest req) {
    String presented = req.getHeader("X-API-Key");
    String auth = req.getHeader("Authorization");
    if (presented == null && auth != null && auth.regionMatches(true, 0, "apikey ", 0, 7)) {
      presented = auth.substring(7).trim();
    }
    if (presented == null) {
      return -1;
    }
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    int found = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (MessageDigest.isEqual(keys.get(i), given) && found < 0) {
        found = i;
      }
    }
    return found;
  }
}
