package io.switchboard.server.config;

/**
 * The server API over gRPC (issue 11 point 4; docs/grpc.md), served by the {@code switchboard-grpc}
 * module on a port of its own: every RPC is transcoded to its HTTP twin on the node's own port.
 *
 * @param enabled whether the node serves gRPC, default false (it opens a second port)
 * @param host the address the gRPC server binds, default {@code 0.0.0.0}
 * @param port the gRPC port, default 9090; 0 picks a free one (tests)
 * @param maxMessageBytes the largest request message, in bytes, default 4 MiB (gRPC's default); a
 *     larger one is refused with {@code RESOURCE_EXHAUSTED}
 */
public record GrpcConfig(boolean enabled, String host, int port, int maxMessageBytes) {
  /** Disabled, {@code 0.0.0.0}, 9090, 4 MiB. */
  public static final GrpcConfig DEFAULT = new GrpcConfig(false, "0.0.0.0", 9090, 4 * 1024 * 1024);

  /** A copy enabled on {@code host}:{@code port} (0: a free port). */
  public GrpcConfig enabledOn(String host, int port) {
    return new GrpcConfig(true, host, port, maxMessageBytes);
  }
}
