package io.switchboard.app.cli;

import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.config.ServerTransport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Picks the Netty transport of a node's Vert.x from {@code server.transport} (issue 13 point 2:
 * "Netty's io_uring transport ... keep epoll and NIO as fallbacks, selected by {@code
 * server.transport}") and builds that Vert.x with Vert.x 5's {@code
 * Vertx.builder().withTransport(...)}. {@code auto} takes epoll when available, NIO otherwise (the
 * default before io_uring, and Vert.x's own preference on Linux). An explicit choice that is
 * unavailable falls back io_uring → epoll → nio, and the choice carries one warning that says why
 * (each skipped transport's {@link Transport#unavailabilityCause()}).
 *
 * @param transport the transport chosen, never {@code auto}
 * @param vertx Vert.x's transport for it
 * @param warning why an explicit choice was not honoured (one line), or {@code null}
 * @param note why {@code auto} did not get epoll (one line), or {@code null}
 */
public record TransportChoice(
    ServerTransport transport, Transport vertx, String warning, String note) {

  /**
   * Chooses from the transports present on this class path and kernel.
   *
   * @param server the server configuration ({@link ServerConfig#requestedTransport()})
   * @return the choice
   */
  public static TransportChoice of(ServerConfig server) {
    return of(server.requestedTransport(), TransportChoice::lookup);
  }

  /**
   * Chooses with the given transports (tests pass unavailable ones).
   *
   * @param asked the requested transport
   * @param lookup Vert.x's transport for {@code io_uring}, {@code epoll} or {@code nio}; {@code
   *     null} when its Netty classes are missing from the class path
   * @return the first available of the fallback chain; NIO is always available
   */
  static TransportChoice of(ServerTransport asked, Function<ServerTransport, Transport> lookup) {
    List<ServerTransport> chain =
        switch (asked) {
          case IO_URING -> List.of(ServerTransport.IO_URING, ServerTransport.EPOLL);
          case EPOLL, AUTO -> List.of(ServerTransport.EPOLL);
          case NIO -> List.of();
        };
    List<String> skipped = new ArrayList<>();
    for (ServerTransport t : chain) {
      Transport candidate = lookup.apply(t);
      if (candidate != null && candidate.available()) {
        return new TransportChoice(t, candidate, explain(asked, skipped, t), null);
      }
      skipped.add(t.key() + " is unavailable (" + cause(candidate) + ")");
    }
    String why = explain(asked, skipped, ServerTransport.NIO);
    return asked == ServerTransport.AUTO
        ? new TransportChoice(ServerTransport.NIO, lookup.apply(ServerTransport.NIO), null, why)
        : new TransportChoice(ServerTransport.NIO, lookup.apply(ServerTransport.NIO), why, null);
  }

  /**
   * Builds the node's Vert.x on the chosen transport.
   *
   * @param options the Vert.x options (event loop pool size)
   * @return the Vert.x
   */
  public Vertx build(VertxOptions options) {
    return Vertx.builder().with(options).withTransport(vertx).build();
  }

  /** Vert.x's transport constants; {@code null} when Netty's classes for it are missing. */
  static Transport lookup(ServerTransport t) {
    return switch (t) {
      case IO_URING -> Transport.IO_URING;
      case EPOLL -> Transport.EPOLL;
      case NIO, AUTO -> Transport.NIO;
    };
  }

  private static String explain(ServerTransport asked, List<String> skipped, ServerTransport used) {
    if (skipped.isEmpty()) {
      return null;
    }
    return "server.transport "
        + asked.key()
        + ": "
        + String.join("; ", skipped)
        + "; using "
        + used.key();
  }

  private static String cause(Transport t) {
    if (t == null) {
      return "its Netty native jar is not on the class path";
    }
    Throwable cause = t.unavailabilityCause();
    if (cause == null) {
      return "no cause given";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == cause ? cause.toString() : cause + ", caused by " + root;
  }
}
