package io.switchboard.dashboard.http;

import io.switchboard.server.api.ApiErrors;
import io.switchboard.server.auth.AuthException;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The dashboard's JSON routes (policy admin: {@link AdminAccess}; docs/dashboard.md "Routes"):
 *
 * <pre>
 * GET  /api/v1/dashboard/overview                → 200 {node: &lt;this node's latest stats frame&gt;,
 *                                                       nodes: [&lt;each node's latest frame&gt;]}
 * POST /api/v1/dashboard/socket-token            → 200 {token, expiresIn} for /ws and sys:metrics
 * GET  /api/v1/dashboard/rooms/:room             → 200 {room, presence, history, snapshot}
 * POST /api/v1/dashboard/rooms/:room/publications {event, data} → 200 {room, offset}
 * </pre>
 *
 * The room routes are admin twins of the server API's room routes, called on this node's own HTTP
 * port with the first API key (503 {@code api_disabled} without one), so an admin signed in with a
 * password never holds the key. 401 without a valid credential, 403 for a token that is not an
 * admin's.
 */
public final class DashboardRoutes {
  /** The prefix of every route here. */
  public static final String BASE = "/api/v1/dashboard";

  private final AdminAccess access;
  private final SocketTokens tokens;
  private final Supplier<JsonObject> latest;
  private final Supplier<Future<io.vertx.core.json.JsonArray>> nodes;
  private final WebClient client;
  private final String host;
  private final IntSupplier port;
  private final String apiKey;
  private final long maxBody;

  /**
   * @param access who may call
   * @param tokens the socket-token signer, or null without an API key
   * @param latest this node's latest stats frame
   * @param nodes every node's latest frame (from {@code sys:metrics}'s history)
   * @param client the loopback client
   * @param host the loopback host of this node
   * @param port this node's HTTP port (read when serving)
   * @param apiKey the first API key, or null
   * @param maxBody {@code server.maxBodyBytes}
   */
  public DashboardRoutes(
      AdminAccess access,
      SocketTokens tokens,
      Supplier<JsonObject> latest,
      Supplier<Future<io.vertx.core.json.JsonArray>> nodes,
      WebClient client,
      String host,
      IntSupplier port,
      String apiKey,
      long maxBody) {
    this.access = access;
    this.tokens = tokens;
    this.latest = latest;
    this.nodes = nodes;
    this.client = client;
    this.host = host;
    this.port = port;
    this.apiKey = apiKey;
    this.maxBody = maxBody;
  }

  /** Mounts the routes on {@code router}. */
  public void mount(Router router) {
    router.get(BASE + "/overview").handler(rc -> guarded(rc, this::overview));
    router.post(BASE + "/socket-token").handler(rc -> guarded(rc, this::socketToken));
    router.get(BASE + "/rooms/:room").handler(rc -> guarded(rc, this::room));
    router
        .post(BASE + "/rooms/:room/publications")
        .handler(BodyHandler.create().setBodyLimit(maxBody))
        .handler(rc -> guarded(rc, this::publish));
  }

  private void guarded(RoutingContext rc, java.util.function.Consumer<RoutingContext> then) {
    access
        .caller(rc)
        .onSuccess(c -> then.accept(rc))
        .onFailure(
            e -> {
              if (e instanceof AuthException) {
                ApiErrors.send(rc, 401, "unauthorized", e.getMessage());
              } else if (e instanceof RequestException r) {
                ApiErrors.send(rc, 403, r.code().wire(), r.getMessage());
              } else {
                ApiErrors.send(rc, 500, "internal", "caller not checked");
              }
            });
  }

  private void overview(RoutingContext rc) {
    nodes
        .get()
        .onComplete(
            ar ->
                json(
                    rc, 200, new JsonObject().put("node", latest.get()).put("nodes", ar.result())));
  }

  private void socketToken(RoutingContext rc) {
    if (tokens == null) {
      ApiErrors.send(rc, 503, "api_disabled", "socket tokens need api.keys");
      return;
    }
    json(rc, 200, tokens.issue());
  }

  private void room(RoutingContext rc) {
    String room = rc.pathParam("room");
    String base = "/api/v1/server/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8);
    if (apiKey == null) {
      ApiErrors.send(rc, 503, "api_disabled", "the room view needs api.keys");
      return;
    }
    Future<JsonObject> presence = call(HttpMethod.GET, base + "/presence", null);
    Future<JsonObject> history = call(HttpMethod.GET, base + "/history", null);
    Future<JsonObject> snapshot = call(HttpMethod.GET, base + "/snapshot", null);
    Future.join(presence, history, snapshot)
        .onComplete(
            ar ->
                json(
                    rc,
                    200,
                    new JsonObject()
                        .put("room", room)
                        .put("presence", presence.result())
                        .put("history", history.result())
                        .put("snapshot", snapshot.result())));
  }

  private void publish(RoutingContext rc) {
    if (apiKey == null) {
      ApiErrors.send(rc, 503, "api_disabled", "publishing needs api.keys");
      return;
    }
    String path =
        "/api/v1/server/rooms/"
            + URLEncoder.encode(rc.pathParam("room"), StandardCharsets.UTF_8)
            + "/publications";
    send(HttpMethod.POST, path, rc.body().buffer())
        .onSuccess(
            r ->
                rc.response()
                    .setStatusCode(r.statusCode())
                    .putHeader("Content-Type", "application/json")
                    .end(r.bodyAsBuffer() == null ? Buffer.buffer() : r.bodyAsBuffer()))
        .onFailure(e -> ApiErrors.send(rc, 502, "unavailable", "the server API did not answer"));
  }

  /** A server API answer as JSON; null for a non-200 answer (no snapshot, unknown namespace). */
  private Future<JsonObject> call(HttpMethod method, String path, Buffer body) {
    return send(method, path, body)
        .map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject() : null)
        .otherwiseEmpty();
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, Buffer body) {
    var req =
        client
            .request(method, port.getAsInt(), host, path)
            .putHeader("X-API-Key", apiKey)
            .putHeader("Content-Type", "application/json");
    return body == null ? req.send() : req.sendBuffer(body);
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
