package io.switchboard.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The live dashboard (SPEC C5 "a web dashboard at /dashboard"; issue 12 points 2 and 3), served by
 * the {@code switchboard-dashboard} module (docs/dashboard.md): the page at {@code /dashboard}, its
 * admin routes under {@code /api/v1/dashboard/} and a stats frame each node publishes to room
 * {@code sys:metrics}.
 *
 * @param enabled whether the node serves the dashboard and publishes its stats, default true
 * @param period how often a node publishes its stats frame, default 1 s
 * @param topRooms how many of the node's rooms (most local members first) a frame lists, default 10
 */
public record DashboardConfig(boolean enabled, Duration period, int topRooms) {
  /** Enabled, every second, ten rooms. */
  public static final DashboardConfig DEFAULT =
      new DashboardConfig(true, Duration.ofSeconds(1), 10);

  /** The server-only namespace of the stats rooms; the dashboard guards its joins (admins only). */
  public static final String NAMESPACE = "sys";

  /**
   * The policy of {@link #NAMESPACE} added when the configuration does not name it: any
   * authenticated join (the dashboard's guard then admits admins only), publish by the server only,
   * no presence, ten frames of history kept 30 s.
   */
  public static final NamespaceConfig NAMESPACE_POLICY =
      new NamespaceConfig(
          Access.AUTHENTICATED,
          Access.SERVER,
          "rooms",
          10,
          Duration.ofSeconds(30),
          false,
          false,
          100,
          1000,
          Duration.ofSeconds(5),
          List.of(),
          Duration.ofHours(24),
          null);
}
