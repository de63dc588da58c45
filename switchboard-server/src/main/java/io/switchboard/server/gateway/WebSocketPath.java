package io.switchboard.server.gateway;

import io.vertx.core.http.ServerWebSocketHandshake;

/**
 * A capability's own WebSocket endpoint on the node's port, beside {@code /ws} (SPEC C4: the
 * tunnel's {@code GET /event/ws} for controllers). Registered with {@link Gateway#path}; the
 * gateway hands it every upgrade to its path, except while the node is stopping (503). It is not
 * counted in {@code server.maxConnections} nor checked against {@code server.allowedOrigins}:
 * controllers are not browsers, and the endpoint authenticates and bounds its own sockets. Once
 * upgraded, its sockets are out of {@code server.handshakeTimeout} and {@code server.idleTimeout}:
 * the endpoint watches their liveness itself (heartbeats).
 */
public interface WebSocketPath {

  /**
   * Decides an upgrade to this path: calls {@link ServerWebSocketHandshake#accept()} and serves the
   * socket its future gives, or {@link ServerWebSocketHandshake#reject(int)} with an HTTP status
   * (400, 401, 503, …). May decide later (after a store lookup); called on the connection's event
   * loop and must not block.
   *
   * @param handshake the pending upgrade
   */
  void handshake(ServerWebSocketHandshake handshake);
}
