package io.switchboard.server.config;

import java.time.Duration;

/**
 * The tunnel proxy (SPEC C4, seed 000; issue 10): controllers on {@code GET /event/ws}, requests on
 * {@code POST /event/send}. Every bound has a metric ({@code switchboard_tunnel_*}).
 *
 * @param enabled whether the node serves {@code /event/ws}, {@code /event/send} and the project
 *     token routes, default true
 * @param requestTimeout how long {@code /event/send} waits for the controller's reply before 504,
 *     default 10 s (the seed's); the delivering node holds the request's lock for twice this
 * @param requestChannel the pub/sub channel prefix of requests sent to another node (one channel
 *     per node: {@code <requestChannel>.<node>}), default {@code proxy_event_request}
 * @param responseChannel the pub/sub channel prefix of replies (one per node, the one shared
 *     response subscription: {@code <responseChannel>.<node>}), default {@code
 *     proxy_event_response}
 * @param maxMessageBytes the largest request body and the largest controller frame, in bytes,
 *     default 1 MiB (413 / the reply refused)
 * @param maxInFlight most requests a node waits on at once (503 {@code overloaded} beyond), default
 *     10000
 * @param maxInFlightPerProject most requests of one project a node waits on at once, default 1000
 * @param maxControllers most controller connections on one node, all projects together (the upgrade
 *     gets 503 beyond), default 10000
 * @param maxControllersPerProject most controller connections of one project on one node (the
 *     upgrade gets 503 beyond), default 64
 * @param registryTtl how long a node stays listed as holding a project's controllers without a
 *     refresh (it refreshes every third of it), default 15 s; a dead node's listing outlives it by
 *     at most this
 * @param heartbeat how often a controller is pinged; one silent for two periods is closed, default
 *     15 s
 */
public record TunnelConfig(
    boolean enabled,
    Duration requestTimeout,
    String requestChannel,
    String responseChannel,
    int maxMessageBytes,
    int maxInFlight,
    int maxInFlightPerProject,
    int maxControllers,
    int maxControllersPerProject,
    Duration registryTtl,
    Duration heartbeat) {
  /** Enabled, 10 s, the seed's channels, 1 MiB, 10000, 1000, 10000, 64, 15 s, 15 s. */
  public static final TunnelConfig DEFAULT =
      new TunnelConfig(
          true,
          Duration.ofSeconds(10),
          "proxy_event_request",
          "proxy_event_response",
          1 << 20,
          10_000,
          1_000,
          10_000,
          64,
          Duration.ofSeconds(15),
          Duration.ofSeconds(15));

  /** A copy with another {@code requestTimeout}. */
  public TunnelConfig withRequestTimeout(Duration requestTimeout) {
    return new TunnelConfig(
        enabled,
        requestTimeout,
        requestChannel,
        responseChannel,
        maxMessageBytes,
        maxInFlight,
        maxInFlightPerProject,
        maxControllers,
        maxControllersPerProject,
        registryTtl,
        heartbeat);
  }
}
