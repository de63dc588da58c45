package io.switchboard.server.gateway;

/** {@code ping} → {@code pong} with the same id (an application-level liveness check). */
final class PingHandler implements CommandHandler {
  @Override
  public void handle(Connection connection, ClientRequest request) {
    connection.send(Frames.pong(request.rawId()));
  }
}
