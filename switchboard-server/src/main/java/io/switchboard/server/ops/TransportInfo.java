package io.switchboard.server.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.server.config.ServerTransport;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;

/**
 * The Netty transport the node's event loops run on (issue 13 point 2, {@code server.transport}),
 * as the node reports it: in its "listening" log line and as the info gauge {@code
 * switchboard_transport{transport="io_uring"} 1} (one series; {@code io_uring}, {@code epoll},
 * {@code kqueue} or {@code nio}). Not {@code switchboard_transport_info}: the Prometheus registry
 * reserves the {@code _info} suffix for its info type and strips it from a gauge's name.
 */
public final class TransportInfo {
  private TransportInfo() {}

  /**
   * The transport in use. Whether it is native is Vert.x's answer ({@link
   * Vertx#isNativeTransportEnabled()}: an unavailable transport given to Vert.x would have become
   * NIO); which native one is the configured choice, which {@code switchboard serve} sets to the
   * transport it built Vert.x with. For {@code auto} (a Vert.x built elsewhere, e.g. by a test with
   * {@code preferNativeTransport}) it is the one Vert.x prefers, {@link
   * Transport#nativeTransport()}.
   *
   * @param vertx the node's Vert.x
   * @param configured {@code server.transport} as recorded by the caller
   * @return {@code io_uring}, {@code epoll}, {@code kqueue} or {@code nio}
   */
  public static String name(Vertx vertx, ServerTransport configured) {
    if (!vertx.isNativeTransportEnabled()) {
      return ServerTransport.NIO.key();
    }
    if (configured == ServerTransport.IO_URING || configured == ServerTransport.EPOLL) {
      return configured.key();
    }
    Transport preferred = Transport.nativeTransport();
    return preferred == null ? "native" : preferred.name();
  }

  /**
   * Registers {@code switchboard_transport{transport}} with the value 1.
   *
   * @param registry the node's registry
   * @param transport the name from {@link #name}
   */
  public static void register(MeterRegistry registry, String transport) {
    Gauge.builder("switchboard_transport", () -> 1)
        .description("the Netty transport of the event loops (server.transport), always 1")
        .tag("transport", transport)
        .register(registry);
  }
}
