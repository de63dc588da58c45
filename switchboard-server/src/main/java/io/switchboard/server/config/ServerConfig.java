package io.switchboard.server.config;

import java.time.Duration;

/**
 * The HTTP and WebSocket listener.
 *
 * @param host the address to bind, default {@code 0.0.0.0}
 * @param port the TCP port, default 8000; 0 picks a free port (tests)
 * @param eventLoops how many event loops serve connections; 0 means one per CPU core
 * @param shutdownGrace how long a graceful stop waits for the event buffer to drain, default 10 s
 * @param maxBodyBytes the largest HTTP request body the server API accepts, default 1 MiB
 * @param nativeTransport use Netty's native epoll transport when available (Linux), default true;
 *     NIO otherwise
 */
public record ServerConfig(String host, int port, int eventLoops, Duration shutdownGrace, int maxBodyBytes,
    boolean nativeTransport) {
  public static final ServerConfig DEFAULT =
      new ServerConfig("0.0.0.0", 8000, 0, Duration.ofSeconds(10), 1024 * 1024, true);

  /** A copy listening on {@code port}. */
  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, eventLoops, shutdownGrace, maxBodyBytes, nativeTransport);
  }
}
