package io.switchboard.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestNode;
import io.switchboard.tunnel.testing.TestController;
import io.switchboard.tunnel.testing.TunnelNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tunnel's bounds, each with its answer and its metric (SPEC C4; issue 10 point 4): controllers
 * per project (the upgrade gets 503), requests in flight per project (503 {@code overloaded}), a
 * reply over {@code tunnel.maxMessageBytes} (502 {@code reply_too_large}, the request not left
 * hanging), and a controller that stops answering pings (closed after two heartbeats, its requests
 * failed).
 */
class TunnelLimitsIT {
  static TunnelNode node;

  @BeforeAll
  static void start() {
    node = TunnelNode.start(MemoryEngine.ports(), limits());
  }

  /** Small bounds: 4 KiB messages, 2 in flight and 1 controller per project, 200 ms heartbeat. */
  private static TunnelConfig limits() {
    TunnelConfig d = TunnelConfig.DEFAULT;
    return new TunnelConfig(
        true,
        Duration.ofSeconds(30),
        d.requestChannel(),
        d.responseChannel(),
        4096,
        d.maxInFlight(),
        2,
        d.maxControllers(),
        1,
        d.registryTtl(),
        Duration.ofMillis(200));
  }

  /** server.idleTimeout 400 ms, server.handshakeTimeout 300 ms. */
  private static ServerConfig shortTimeouts(ServerConfig s) {
    return new ServerConfig(
        s.host(),
        s.port(),
        s.eventLoops(),
        s.shutdownGrace(),
        s.maxBodyBytes(),
        s.nativeTransport(),
        s.transport(),
        s.allowedOrigins(),
        Duration.ofMillis(400),
        Duration.ofMillis(300),
        s.maxConnections());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String project() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aProjectsControllersAreBoundedPerNode() {
    String p = project();
    String token = node.issueToken(p).getString("token");
    try (TestController first = node.controller(p, "one", token)) {
      assertThatThrownBy(
              () ->
                  TestNode.await(
                      TestController.connect(node.node.vertx, node.port(), p, "two", token)))
          .hasMessageContaining("503");
      assertThat(
              node.node.metric(
                  "switchboard_tunnel_controllers_refused_total{reason=\"over_limit\"}"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aProjectsRequestsInFlightAreBounded() {
    String p = project();
    try (TestController c = node.controller(p, "c")) {
      Future<HttpResponse<Buffer>> first = node.sendAsync(p, "x", 1);
      Future<HttpResponse<Buffer>> second = node.sendAsync(p, "x", 2);
      JsonObject r1 = c.nextRequest();
      JsonObject r2 = c.nextRequest();
      HttpResponse<Buffer> third = node.send(p, "x", 3);
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("overloaded");
      c.send(TestController.echo(r1));
      c.send(TestController.echo(r2));
      assertThat(TestNode.await(first).statusCode()).isEqualTo(200);
      assertThat(TestNode.await(second).statusCode()).isEqualTo(200);
      c.replying(TestController::echo);
      assertThat(node.send(p, "x", 4).statusCode()).as("room again").isEqualTo(200);
    }
  }

  @Test
  void aReplyOverTheLimitFailsTheRequestInsteadOfLeavingItHanging() {
    String p = project();
    try (TestController c =
        node.controller(p, "c")
            .replying(q -> TestController.echo(q).put("data", "x".repeat(8000)))) {
      HttpResponse<Buffer> r = node.send(p, "big", null);
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("reply_too_large");
    }
  }

  @Test
  void aControllerOutlivesTheHandshakeAndIdleTimeoutsOfHttpConnections() {
    // server.handshakeTimeout 300 ms and server.idleTimeout 400 ms are for HTTP; a controller
    // answering its heartbeat pings stays
    try (TunnelNode quick =
            TunnelNode.start(
                MemoryEngine.ports(), limits(), c -> c.withServer(shortTimeouts(c.server())));
        TestController c = quick.controller("long-lived", "c1").replying(TestController::echo)) {
      Awaitility.await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !c.closeCode.isDone());
      assertThat(quick.send("long-lived", "still", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aControllerThatStopsAnsweringPingsIsClosedAndItsRequestsFail() {
    String p = project();
    String token = node.issueToken(p).getString("token");
    RawWebSocket raw =
        RawWebSocket.connect(
            node.node,
            "/event/ws?project_id=" + p,
            "connection_id: silent",
            "Authorization: Bearer " + token);
    try (raw) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !raw.texts.isEmpty());
      assertThat(new JsonObject(raw.texts.get(0)).getString("type")).isEqualTo("welcome");
      HttpResponse<Buffer> r = node.send(p, "x", null); // waits until the heartbeat closes it
      assertThat(r.statusCode()).isEqualTo(502);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> raw.closeCode != null);
      assertThat(raw.closeCode).isEqualTo(1011);
      assertThat(raw.opcodes).contains(9); // it was pinged
    }
  }
}
