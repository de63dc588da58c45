package io.switchboard.server;

import io.switchboard.core.Engine;
import io.switchboard.server.config.SwitchboardConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A running Switchboard node: the WebSocket gateway ({@code GET /ws}), the server API, health
 * and metrics on one port (SPEC C1, "Operations").
 */
public final class SwitchboardServer {
  private final int port;

  private SwitchboardServer(int port) {
    this.port = port;
  }

  /**
   * Starts a node.
   *
   * @param vertx the Vert.x instance
   * @param config a validated configuration
   * @param engine the engine ports
   * @return the running node; failed if the port cannot be bound
   */
  public static Future<SwitchboardServer> start(Vertx vertx, SwitchboardConfig config, Engine engine) {
    return Future.failedFuture("not yet implemented");
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  /**
   * Graceful stop: stop accepting, close connections with close code 1012 (service restart,
   * reconnect), drain the event buffer, close the engine.
   */
  public Future<Void> stop() {
    return Future.succeededFuture();
  }
}
