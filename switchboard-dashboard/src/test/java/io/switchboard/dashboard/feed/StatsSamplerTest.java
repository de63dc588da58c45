package io.switchboard.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.server.gateway.RoomLoad;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stats frame: gauges as read, counters as rates per second, absent meters as null. */
class StatsSamplerTest {

  @Test
  void ratesComeFromTheDifferenceOfTwoReadingsAndMissingMetersAreNull() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Counter out = Counter.builder("switchboard_frames_out").register(registry);
    long[] delivered = {0};
    StatsSampler sampler =
        new StatsSampler(
            "n1", registry, n -> List.of(new RoomLoad("chat:a", 3, delivered[0])), 10, 1_000);
    JsonObject first = sampler.sample(1_000, true);
    assertThat(first.getDouble("deliveriesPerSec")).isEqualTo(0.0);
    out.increment(40);
    delivered[0] = 10;
    JsonObject second = sampler.sample(3_000, true);
    assertThat(second.getString("node")).isEqualTo("n1");
    assertThat(second.getLong("uptimeMs")).isEqualTo(2_000);
    assertThat(second.getDouble("deliveriesPerSec")).isEqualTo(20.0);
    JsonObject room = second.getJsonArray("topRooms").getJsonObject(0);
    assertThat(room.getInteger("members")).isEqualTo(3);
    assertThat(room.getDouble("publicationsPerSec")).isEqualTo(5.0);
    // no commands, workflows or tunnel capability on this registry
    assertThat(second.getValue("commands")).isNull();
    assertThat(second.getValue("workflows")).isNull();
    assertThat(second.getValue("tunnel")).isNull();
    assertThat(second.getValue("commandsPerSec")).isNull();
    assertThat(second.getValue("eventLoopLagMs")).as("no lag gauge on this registry").isNull();
  }

  @Test
  void workflowsByStatusCountTheRunningOnes() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    for (String outcome : new String[] {"started", "completed", "failed", "cancelled"}) {
      Counter.builder("switchboard_workflows").tag("outcome", outcome).register(registry);
    }
    registry.get("switchboard_workflows").tag("outcome", "started").counter().increment(5);
    registry.get("switchboard_workflows").tag("outcome", "completed").counter().increment(2);
    registry.get("switchboard_workflows").tag("outcome", "failed").counter().increment(1);
    JsonObject w =
        new StatsSampler("n1", registry, n -> List.of(), 10, 0)
            .sample(1_000, true)
            .getJsonObject("workflows");
    assertThat(w.getDouble("running")).isEqualTo(2.0);
    assertThat(w.getDouble("completed")).isEqualTo(2.0);
    assertThat(w.getDouble("cancelled")).isEqualTo(0.0);
  }

  @Test
  void tunnelProjectsComeWithTheirAgentsAndTheLagInMilliseconds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Gauge.builder("switchboard_tunnel_controllers", () -> 3).register(registry);
    Gauge.builder("switchboard_event_loop_lag_seconds", () -> 0.0123).register(registry);
    MultiGauge.builder("switchboard_tunnel_project_controllers")
        .register(registry)
        .register(
            List.of(
                MultiGauge.Row.of(Tags.of("project", "billing"), 2),
                MultiGauge.Row.of(Tags.of("project", "search"), 1)));
    JsonObject f = new StatsSampler("n1", registry, n -> List.of(), 10, 0).sample(1_000, true);
    assertThat(f.getDouble("eventLoopLagMs")).isEqualTo(12.3);
    assertThat(f.getJsonObject("tunnel").getJsonArray("projects"))
        .containsExactlyInAnyOrder(
            new JsonObject().put("project", "billing").put("agents", 2L),
            new JsonObject().put("project", "search").put("agents", 1L));
  }
}
