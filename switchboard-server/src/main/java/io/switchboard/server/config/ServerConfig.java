package io.switchboard.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP and WebSocket listener.
 *
 * @param host the address to bind, default {@code 0.0.0.0}
 * @param port the TCP port, 0 to 65535, default 8000; 0 picks a free port (tests)
 * @param eventLoops how many event loops (and HTTP servers sharing the port) serve connections; 0,
 *     the default, means one per CPU core
 * @param shutdownGrace how long a graceful stop waits for the connections to leave their rooms and
 *     the listeners to stop, and then again for the event buffer to drain; default 10 s ({@code
 *     switchboard serve} waits this plus 5 s in all)
 * @param maxBodyBytes the largest HTTP request body the server API accepts, in bytes (413 beyond),
 *     default 1 MiB
 * @param nativeTransport superseded by {@code transport}, kept so existing files still load: {@code
 *     false} with {@code transport: auto} means NIO; {@code true} (the default) changes nothing
 * @param transport Netty's transport, default {@link ServerTransport#AUTO} (epoll when available,
 *     NIO otherwise); an unavailable explicit choice falls back io_uring → epoll → nio (issue 13
 *     point 2). {@code null} means {@code AUTO}
 * @param allowedOrigins browser origins allowed to open {@code /ws} ({@code
 *     https://app.example.com}, or {@code *}); when the list is non-empty and has no {@code *}, a
 *     handshake whose {@code Origin} header is not listed is refused with 403. Empty (the default)
 *     or {@code *} admits every origin to the handshake. Whatever the list, a {@code token} cookie
 *     is used only from no {@code Origin}, the request's own origin, or an origin listed explicitly
 *     (issue 7 part 2: cross-site WebSocket hijacking); from any other origin the cookie is ignored
 *     and a query or bearer token is needed
 * @param idleTimeout an HTTP connection with no traffic either way for this long is closed, default
 *     60 s (issue 7); WebSockets are exempt, heartbeats own their liveness
 * @param handshakeTimeout from the TCP connect to the first complete HTTP request, or for {@code
 *     /ws} to {@code welcome}, default 10 s; a connection that has not got there is closed (issue
 *     7: slow or stalled handshakes)
 * @param maxConnections WebSockets this node holds at most (upgraded, authenticated or not yet),
 *     default 100000; an upgrade beyond it is refused with HTTP 503 (issue 7)
 */
public record ServerConfig(
    String host,
    int port,
    int eventLoops,
    Duration shutdownGrace,
    int maxBodyBytes,
    boolean nativeTransport,
    ServerTransport transport,
    List<String> allowedOrigins,
    Duration idleTimeout,
    Duration handshakeTimeout,
    int maxConnections) {
  /**
   * {@code 0.0.0.0:8000}, one event loop per core, grace 10 s, bodies up to 1 MiB, the {@code auto}
   * transport, any origin, idle 60 s, handshake 10 s, 100000 connections.
   */
  public static final ServerConfig DEFAULT =
      new ServerConfig(
          "0.0.0.0",
          8000,
          0,
          Duration.ofSeconds(10),
          1024 * 1024,
          true,
          ServerTransport.AUTO,
          List.of(),
          Duration.ofSeconds(60),
          Duration.ofSeconds(10),
          100_000);

  /** Copies {@code allowedOrigins}; {@code null} means none; a {@code null} transport is auto. */
  public ServerConfig {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    transport = transport == null ? ServerTransport.AUTO : transport;
  }

  /**
   * The transport asked for, the superseded {@code nativeTransport} folded in: {@code
   * nativeTransport: false} turns {@code auto} into {@code nio}; an explicit {@code transport}
   * wins.
   *
   * @return {@code transport}, or {@link ServerTransport#NIO} for {@code auto} without native
   *     transport
   */
  public ServerTransport requestedTransport() {
    return transport == ServerTransport.AUTO && !nativeTransport ? ServerTransport.NIO : transport;
  }

  /**
   * A copy with another transport ({@code switchboard serve} records the one it chose, so the
   * server reports it).
   *
   * @param transport the transport
   * @return the copy
   */
  public ServerConfig withTransport(ServerTransport transport) {
    return new ServerConfig(
        host,
        port,
        eventLoops,
        shutdownGrace,
        maxBodyBytes,
        nativeTransport,
        transport,
        allowedOrigins,
        idleTimeout,
        handshakeTimeout,
        maxConnections);
  }

  /**
   * A copy listening on another port.
   *
   * @param port the TCP port; 0 picks a free one
   * @return the copy
   */
  public ServerConfig withPort(int port) {
    return new ServerConfig(
        host,
        port,
        eventLoops,
        shutdownGrace,
        maxBodyBytes,
        nativeTransport,
        transport,
        allowedOrigins,
        idleTimeout,
        handshakeTimeout,
        maxConnections);
  }

  /**
   * Whether a handshake with this {@code Origin} header is allowed (not whether its cookie token is
   * used: see {@code auth.HandshakeToken}).
   *
   * @param origin the {@code Origin} header, compared exactly; {@code null} when absent
   * @return {@code true} without an {@code Origin}, with an empty list or {@code *}, or when the
   *     origin is listed
   */
  public boolean allowsOrigin(String origin) {
    return origin == null
        || allowedOrigins.isEmpty()
        || allowedOrigins.contains("*")
        || allowedOrigins.contains(origin);
  }
}
