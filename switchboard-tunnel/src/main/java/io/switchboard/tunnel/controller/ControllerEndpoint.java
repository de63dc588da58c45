package io.switchboard.tunnel.controller;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.gateway.WebSocketPath;
import io.switchboard.tunnel.ops.TunnelMetrics;
import io.switchboard.tunnel.token.ProjectTokens;
import io.switchboard.tunnel.wire.Envelope;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /event/ws?project_id=<project>} (SPEC C4, seed 000): a controller's upgrade with a
 * {@code connection_id} header and a project token ({@code Authorization: Bearer <token>}, or the
 * {@code token} query parameter). Refusals happen before the upgrade: 400 without a valid {@code
 * project_id} or {@code connection_id}, 401 for a missing, unknown or revoked token, 503 when the
 * node holds {@code tunnel.maxControllersPerProject} of the project or the store is unreachable.
 * Once accepted the node sends {@code {"type":"welcome","connection_id","node"}}; every later text
 * frame is a reply, handed to the delivery path.
 */
public final class ControllerEndpoint implements WebSocketPath {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerEndpoint.class);

  /** Connection ids: 1 to 200 visible ASCII characters. */
  public static final Pattern CONNECTION_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final String node;
  private final TunnelConfig config;
  private final ProjectTokens tokens;
  private final Controllers controllers;
  private final BiConsumer<ControllerSocket, String> frames;
  private final TunnelMetrics metrics;

  /**
   * @param node this node's id, in the welcome frame
   * @param config {@code tunnel.*}
   * @param tokens checks project tokens
   * @param controllers where accepted controllers go
   * @param frames called with each text frame of a controller, on its event loop
   * @param metrics refusals are counted
   */
  public ControllerEndpoint(
      String node,
      TunnelConfig config,
      ProjectTokens tokens,
      Controllers controllers,
      BiConsumer<ControllerSocket, String> frames,
      TunnelMetrics metrics) {
    this.node = node;
    this.config = config;
    this.tokens = tokens;
    this.controllers = controllers;
    this.frames = frames;
    this.metrics = metrics;
  }

  @Override
  public void handshake(ServerWebSocketHandshake h) {
    QueryStringDecoder query = new QueryStringDecoder("?" + (h.query() == null ? "" : h.query()));
    String project = first(query.parameters().get("project_id"));
    String connectionId = h.headers().get("connection_id");
    if (project == null || !Envelope.PROJECT_ID.matcher(project).matches()) {
      refuse(h, 400, "bad_request");
      return;
    }
    if (connectionId == null || !CONNECTION_ID.matcher(connectionId).matches()) {
      refuse(h, 400, "bad_request");
      return;
    }
    String token = bearer(h.headers().get("Authorization"));
    if (token == null) {
      token = first(query.parameters().get("token"));
    }
    if (token == null) {
      refuse(h, 401, "unauthorized");
      return;
    }
    tokens
        .verify(project, token)
        .onFailure(
            e -> {
              LOG.warn("project token check failed: {}", e.toString());
              refuse(h, 503, "unavailable");
            })
        .onSuccess(
            tokenId -> {
              if (tokenId == null) {
                refuse(h, 401, "unauthorized");
              } else if (controllers.count(project) >= config.maxControllersPerProject()
                  || controllers.size() >= config.maxControllers()) {
                refuse(h, 503, "over_limit");
              } else {
                h.accept()
                    .onSuccess(ws -> open(ws, project, connectionId, tokenId))
                    .onFailure(e -> LOG.debug("controller upgrade failed: {}", e.toString()));
              }
            });
  }

  private void open(ServerWebSocket ws, String project, String connectionId, String tokenId) {
    ControllerSocket s = new ControllerSocket(ws, project, connectionId, tokenId);
    ws.textMessageHandler(
        text -> {
          s.seen();
          frames.accept(s, text);
        });
    ws.binaryMessageHandler(b -> s.seen());
    ws.pongHandler(b -> s.seen());
    ws.exceptionHandler(e -> LOG.debug("controller socket error: {}", e.toString()));
    ws.closeHandler(v -> controllers.remove(s));
    controllers
        .add(s)
        .onSuccess(
            v ->
                ws.writeTextMessage(
                    new JsonObject()
                        .put("type", "welcome")
                        .put("connection_id", connectionId)
                        .put("node", node)
                        .encode()))
        .onFailure(
            e -> {
              LOG.warn("controller of {} not registered: {}", project, e.toString());
              s.close((short) 1013, "registry unavailable, try again later");
            });
  }

  private void refuse(ServerWebSocketHandshake h, int status, String reason) {
    metrics.controllerRefused(reason);
    h.reject(status);
  }

  private static String bearer(String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String t = authorization.substring(7).trim();
      return t.isEmpty() ? null : t;
    }
    return null;
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
