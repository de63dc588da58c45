package io.switchboard.dashboard.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.server.gateway.RoomLoad;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads one stats frame of this node (docs/dashboard.md "The stats frame"): gauges as they are,
 * counters as totals and as rates per second since the previous {@link #sample}. Meters are found
 * by the names GatewayMetrics, CommandMetrics, WorkflowMetrics and TunnelMetrics register; a meter
 * that is not registered on this node (its capability is off) is {@code null} in the frame, shown
 * as absent by the page. Not thread-safe: one timer calls it.
 */
public final class StatsSampler {
  private final String node;
  private final long startedAt;
  private final MeterRegistry registry;
  private final IntFunction<List<RoomLoad>> topRooms;
  private final int top;
  private final Map<String, Double> previous = new HashMap<>();
  private long previousAt;

  /**
   * @param node this node's id
   * @param registry the node's registry
   * @param topRooms the gateway's top rooms ({@code Gateway#topRooms})
   * @param top how many rooms a frame lists ({@code dashboard.topRooms})
   * @param now the start time, epoch milliseconds (uptime counts from it)
   */
  public StatsSampler(
      String node,
      MeterRegistry registry,
      IntFunction<List<RoomLoad>> topRooms,
      int top,
      long now) {
    this.node = node;
    this.registry = registry;
    this.topRooms = topRooms;
    this.top = top;
    this.startedAt = now;
    this.previousAt = now;
  }

  /**
   * The frame at {@code now}.
   *
   * @param now epoch milliseconds
   * @param enginesReady whether every engine answered its last readiness check
   * @return {@code {node, ts, uptimeMs, connections, rooms, eventLoopLagMs, enginesReady,
   *     publicationsPerSec, deliveriesPerSec, eventBufferDepth, resyncs, slowConsumerCloses,
   *     commandsPerSec, commands{applied, rejected}, workflows{started, completed, failed,
   *     cancelled, running}, tunnel{controllers, inFlight, projects[{project, agents}]},
   *     topRooms[{room, members, publicationsPerSec}]}}
   */
  public JsonObject sample(long now, boolean enginesReady) {
    double seconds = Math.max(0.001, (now - previousAt) / 1000.0);
    Map<String, Double> current = new HashMap<>();
    JsonObject f =
        new JsonObject()
            .put("node", node)
            .put("ts", now)
            .put("uptimeMs", now - startedAt)
            .put("connections", total("switchboard_connections", null, null))
            .put("rooms", total("switchboard_rooms", null, null))
            .put("eventLoopLagMs", millis(total("switchboard_event_loop_lag_seconds", null, null)))
            .put("enginesReady", enginesReady)
            .put("eventBufferDepth", total("switchboard_event_buffer_pending", null, null))
            .put("resyncs", total("switchboard_room_resyncs", null, null))
            .put("slowConsumerCloses", total("switchboard_slow_consumer_closes", null, null));
    f.put(
        "publicationsPerSec",
        rate("pub", total("switchboard_publish_deliver_latency", null, null), seconds, current));
    f.put(
        "deliveriesPerSec",
        rate("out", total("switchboard_frames_out", null, null), seconds, current));
    Double applied = total("switchboard_commands_handled", "outcome", "applied");
    Double rejected = total("switchboard_commands_handled", "outcome", "rejected");
    f.put(
        "commandsPerSec",
        rate("cmd", applied == null ? null : applied + rejected, seconds, current));
    f.put(
        "commands",
        applied == null
            ? null
            : new JsonObject().put("applied", applied).put("rejected", rejected));
    f.put("workflows", workflows());
    Double controllers = total("switchboard_tunnel_controllers", null, null);
    f.put(
        "tunnel",
        controllers == null
            ? null
            : new JsonObject()
                .put("controllers", controllers)
                .put("inFlight", total("switchboard_tunnel_in_flight", null, null))
                .put("projects", projects()));
    JsonArray rooms = new JsonArray();
    for (RoomLoad r : topRooms.apply(top)) {
      rooms.add(
          new JsonObject()
              .put("room", r.room())
              .put("members", r.members())
              .put(
                  "publicationsPerSec",
                  rate("room:" + r.room(), (double) r.delivered(), seconds, current)));
    }
    f.put("topRooms", rooms);
    previous.clear();
    previous.putAll(current);
    previousAt = now;
    return f;
  }

  private JsonObject workflows() {
    Double started = total("switchboard_workflows", "outcome", "started");
    if (started == null) {
      return null;
    }
    JsonObject w = new JsonObject().put("started", started);
    double ended = 0;
    for (String s : new String[] {"completed", "failed", "cancelled"}) {
      Double v = total("switchboard_workflows", "outcome", s);
      w.put(s, v);
      ended += v == null ? 0 : v;
    }
    return w.put("running", Math.max(0, started - ended));
  }

  /** Per second since the previous sample; null when the meter is absent or on the first one. */
  private Double rate(String key, Double value, double seconds, Map<String, Double> current) {
    if (value == null) {
      return null;
    }
    current.put(key, value);
    Double before = previous.get(key);
    return before == null ? 0.0 : Math.max(0, value - before) / seconds;
  }

  /** The sum over the meters of {@code name} (with {@code tag=value} when given), or null. */
  /** {@code [{project, agents}]} from {@code switchboard_tunnel_project_controllers}. */
  private JsonArray projects() {
    JsonArray out = new JsonArray();
    for (Meter m : registry.find("switchboard_tunnel_project_controllers").meters()) {
      out.add(
          new JsonObject()
              .put("project", m.getId().getTag("project"))
              .put("agents", (long) valueOf(m)));
    }
    return out;
  }

  private static Double millis(Double seconds) {
    return seconds == null ? null : Math.round(seconds * 10_000) / 10.0;
  }

  private Double total(String name, String tag, String value) {
    var search = registry.find(name);
    if (tag != null) {
      search = search.tag(tag, value);
    }
    var meters = search.meters();
    if (meters.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (Meter m : meters) {
      sum += valueOf(m);
    }
    return sum;
  }

  private static double valueOf(Meter m) {
    if (m instanceof Counter c) {
      return c.count();
    } else if (m instanceof FunctionCounter c) {
      return c.count();
    } else if (m instanceof Gauge g) {
      return g.value();
    } else if (m instanceof DistributionSummary s) {
      return s.count();
    }
    return 0;
  }
}
