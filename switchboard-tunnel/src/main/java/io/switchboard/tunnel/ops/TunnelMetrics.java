package io.switchboard.tunnel.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tunnel's meters on {@code /metrics} (SPEC "Operations", issue 10 point 4):
 *
 * <ul>
 *   <li>{@code switchboard_tunnel_requests_total{project, outcome}}: {@code /event/send} answers
 *       ({@code project} empty for {@code bad_request}, {@code too_large} and {@code
 *       no_controller}, so only projects that had a controller become label values) by outcome:
 *       {@code ok} (200), {@code bad_request}, {@code too_large}, {@code no_controller} and {@code
 *       overloaded} (503), {@code disconnected} (502), {@code timeout} (504), {@code unavailable}
 *       (503, engine down);
 *   <li>{@code switchboard_tunnel_request_seconds}: time from accept to answer;
 *   <li>{@code switchboard_tunnel_in_flight}: requests this node waits on; {@code
 *       switchboard_tunnel_deliveries}: requests this node's controllers hold;
 *   <li>{@code switchboard_tunnel_controllers}: controller connections on this node;
 *   <li>{@code switchboard_tunnel_replies_refused_total{reason}}: controller frames refused ({@code
 *       unknown_id}: an id this connection was not sent, a late or spoofed reply; {@code
 *       wrong_project}; {@code malformed}; {@code too_large});
 *   <li>{@code switchboard_tunnel_controllers_refused_total{reason}}: upgrades refused ({@code
 *       bad_request}, {@code unauthorized}, {@code over_limit}).
 * </ul>
 */
public final class TunnelMetrics {
  private final MeterRegistry registry;
  private final Timer latency;

  /**
   * @param registry the node's registry
   */
  public TunnelMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("switchboard_tunnel_request_seconds")
            .description("time from accepting /event/send to answering it")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /** Counts one {@code /event/send} answer and its latency. */
  public void answered(String project, String outcome, long startNanos) {
    Counter.builder("switchboard_tunnel_requests_total")
        .tag("project", project == null ? "" : project)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    latency.record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Counts one refused controller frame. */
  public void replyRefused(String reason) {
    Counter.builder("switchboard_tunnel_replies_refused_total")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Counts one refused controller upgrade. */
  public void controllerRefused(String reason) {
    Counter.builder("switchboard_tunnel_controllers_refused_total")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Registers the gauges. */
  public void gauges(
      Supplier<Number> inFlight, Supplier<Number> deliveries, Supplier<Number> controllers) {
    Gauge.builder("switchboard_tunnel_in_flight", inFlight).register(registry);
    Gauge.builder("switchboard_tunnel_deliveries", deliveries).register(registry);
    Gauge.builder("switchboard_tunnel_controllers", controllers).register(registry);
  }

  /**
   * The gauge {@code switchboard_tunnel_project_controllers{project}}: controllers per project on
   * this node, only for projects that have one now (so its series are bounded by {@code
   * tunnel.maxControllers}).
   *
   * @param perProject the current counts
   * @return refreshes the series from {@code perProject}; call it periodically
   */
  public Runnable projects(Supplier<Map<String, Integer>> perProject) {
    MultiGauge gauge =
        MultiGauge.builder("switchboard_tunnel_project_controllers")
            .description("controllers connected to this node, per project")
            .register(registry);
    return () ->
        gauge.register(
            perProject.get().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("project", e.getKey()), e.getValue()))
                .toList(),
            true);
  }
}
