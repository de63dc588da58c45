package io.switchboard.server.gateway;

import static io.switchboard.server.gateway.PressureIT.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Connection limits (issue 7 points 3 and 9): how many WebSockets a node and a user may hold, how
 * long a handshake and an idle HTTP connection may last, and how much a client may send before
 * {@code welcome}. Each refusal is counted in {@code switchboard_connections_refused_total}.
 */
class LimitsIT {

  static UnaryOperator<SwitchboardConfig> server(
      Duration idle, Duration handshake, int maxConnections) {
    return c -> {
      ServerConfig s = c.server();
      return c.withServer(
          new ServerConfig(
              s.host(),
              s.port(),
              s.eventLoops(),
              s.shutdownGrace(),
              s.maxBodyBytes(),
              s.nativeTransport(),
              s.transport(),
              s.allowedOrigins(),
              idle,
              handshake,
              maxConnections));
    };
  }

  static UnaryOperator<SwitchboardConfig> client(
      int maxFrameBytes, Duration heartbeat, int perUser) {
    return c -> {
      ClientConfig d = c.client();
      return c.withClient(
          new ClientConfig(
              maxFrameBytes,
              d.outboundQueueFrames(),
              d.ratePerSecond(),
              d.rateBurst(),
              d.maxRooms(),
              heartbeat,
              d.outboundQueueBytes(),
              d.maxPendingPublishes(),
              perUser));
    };
  }

  /**
   * The refusals counted for {@code reason}. The scrape is retried when its own connection is cut:
   * with a 300-500 ms handshake timeout, a loaded machine can be slower than that between the
   * scrape's connect and its request (it failed CI once).
   */
  static double refused(TestNode node, String reason) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> metric(node, "switchboard_connections_refused_total{reason=\"" + reason + "\"}"),
            v -> true);
  }

  @Test
  void upgradesBeyondMaxConnectionsAreRefusedWith503BeforeTheUpgrade() {
    ServerConfig d = ServerConfig.DEFAULT;
    try (TestNode node = TestNode.start(server(d.idleTimeout(), d.handshakeTimeout(), 2));
        TestClient a = node.connect("alice");
        TestClient b = node.connect("bob")) {
      try (RawWebSocket third = RawWebSocket.connect(node, "/ws?token=" + node.token("carol"))) {
        await().atMost(Duration.ofSeconds(5)).until(() -> third.statusLine != null);
        assertThat(third.statusLine).startsWith("HTTP/1.1 503");
      }
      assertThat(refused(node, "max_connections")).isEqualTo(1.0);
      a.close();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                try (RawWebSocket again =
                    RawWebSocket.connect(node, "/ws?token=" + node.token("carol"))) {
                  await().atMost(Duration.ofSeconds(5)).until(() -> again.statusLine != null);
                  assertThat(again.statusLine)
                      .as("a closed connection frees its place")
                      .startsWith("HTTP/1.1 101");
                }
              });
      b.assertAlive();
    }
  }

  @Test
  void oneConnectionMoreThanMaxConnectionsPerUserIsClosedWith4009() {
    try (TestNode node = TestNode.start(client(64 * 1024, Duration.ofSeconds(25), 2));
        TestClient a1 = node.connect("alice");
        TestClient a2 = node.connect("alice");
        TestClient a3 =
            TestClient.connect(node.vertx, node.port(), "/ws?token=" + node.token("alice"))) {
      assertThat(a3.awaitClose()).isEqualTo((short) 4009);
      assertThat(a3.pending()).as("no welcome").isZero();
      assertThat(refused(node, "per_user")).isEqualTo(1.0);
      try (TestClient bob = node.connect("bob")) {
        bob.assertAlive(); // another user is not affected
      }
      a1.assertAlive();
      a2.close();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                try (TestClient again = node.connect("alice")) {
                  again.assertAlive();
                }
              });
    }
  }

  @Test
  void aClientThatNeverCompletesItsRequestHeadersIsClosedAfterTheHandshakeTimeout() {
    try (TestNode node =
        TestNode.start(server(Duration.ofSeconds(60), Duration.ofMillis(500), 100))) {
      NetClient tcp = node.vertx.createNetClient();
      NetSocket socket = TestNode.await(tcp.connect(node.port(), "127.0.0.1"));
      AtomicBoolean closed = new AtomicBoolean();
      socket.closeHandler(v -> closed.set(true));
      long started = System.nanoTime();
      socket.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      // slowloris: one header every 100 ms keeps the connection busy, never idle, never complete
      long timer = node.vertx.setPeriodic(100, t -> socket.write("X-Slow: 1\r\n"));
      try {
        await().atMost(Duration.ofSeconds(5)).untilTrue(closed);
      } finally {
        node.vertx.cancelTimer(timer);
        tcp.close();
      }
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(450);
      assertThat(refused(node, "handshake_timeout")).isEqualTo(1.0);
    }
  }

  @Test
  void aCompletedHandshakeOrRequestIsNotCutByTheHandshakeTimeout() {
    try (TestNode node =
            TestNode.start(server(Duration.ofSeconds(60), Duration.ofMillis(300), 100));
        TestClient ws = node.connect("alice")) {
      NetClient tcp = node.vertx.createNetClient();
      NetSocket http = TestNode.await(tcp.connect(node.port(), "127.0.0.1"));
      AtomicBoolean closed = new AtomicBoolean();
      http.closeHandler(v -> closed.set(true));
      http.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      await()
          .during(Duration.ofMillis(1000))
          .atMost(Duration.ofSeconds(3))
          .until(() -> !closed.get() && !ws.closeCode.isDone());
      ws.assertAlive();
      tcp.close();
      assertThat(refused(node, "handshake_timeout")).isZero();
    }
  }

  @Test
  void anIdleHttpConnectionIsClosedButAnIdleWebSocketIsNot() {
    try (TestNode node =
            TestNode.start(
                c ->
                    client(64 * 1024, Duration.ofSeconds(60), 100)
                        .apply(
                            server(Duration.ofMillis(500), Duration.ofSeconds(10), 100).apply(c)));
        TestClient ws = node.connect("alice")) {
      NetClient tcp = node.vertx.createNetClient();
      NetSocket http = TestNode.await(tcp.connect(node.port(), "127.0.0.1"));
      AtomicBoolean closed = new AtomicBoolean();
      http.closeHandler(v -> closed.set(true));
      http.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      await().atMost(Duration.ofSeconds(5)).untilTrue(closed);
      tcp.close();
      // the WebSocket, silent for three idle timeouts (no heartbeat within 60 s), stays open
      ws.send(new JsonObject().put("type", "ping").put("id", "w"));
      String id = ws.expect("pong").getString("id");
      assertThat(id).isEqualTo("w");
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> !ws.closeCode.isDone());
      ws.assertAlive();
      node.server
          .gateway()
          .connectionIds()
          .forEach(
              cid ->
                  assertThat(node.server.gateway().connection(cid).channel().pipeline().names())
                      .as("Vert.x's idle handler left the WebSocket pipeline")
                      .doesNotContain("idle"));
    }
  }

  @Test
  void framesBeforeWelcomeAreBoundedByBytesAndTheOverflowIsClosedWith4029() {
    HeldPorts held = HeldPorts.welcomes();
    try (TestNode node = TestNode.start(held.ports, client(1024, Duration.ofSeconds(25), 100));
        RawWebSocket raw = RawWebSocket.connect(node, "/ws?token=" + node.token("alice"))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.statusLine != null);
      assertThat(raw.statusLine).startsWith("HTTP/1.1 101");
      String padded = new JsonObject().put("type", "ping").put("pad", "x".repeat(900)).encode();
      for (int i = 0; i < 3; i++) { // 3 x ~920 bytes: over 2 x maxFrameBytes before welcome
        raw.sendText(padded);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.closeCode != null);
      assertThat(raw.closeCode).isEqualTo(4029);
      assertThat(refused(node, "early_frames")).isEqualTo(1.0);
      held.release();
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(raw.texts::isEmpty);
    }
  }

  @Test
  void aFewRequestsBeforeWelcomeAreAnsweredAfterIt() {
    HeldPorts held = HeldPorts.welcomes();
    try (TestNode node = TestNode.start(held.ports, client(1024, Duration.ofSeconds(25), 100));
        RawWebSocket raw = RawWebSocket.connect(node, "/ws?token=" + node.token("alice"))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.statusLine != null);
      raw.sendText(
          new JsonObject().put("type", "ping").put("id", 1).put("pad", "x".repeat(900)).encode());
      for (int i = 2; i <= 5; i++) {
        raw.sendText(new JsonObject().put("type", "ping").put("id", i).encode());
      }
      held.release();
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.texts.size() == 6);
      assertThat(new JsonObject(raw.texts.get(0)).getString("type")).isEqualTo("welcome");
      for (int i = 1; i <= 5; i++) {
        assertThat(new JsonObject(raw.texts.get(i)).getInteger("id")).isEqualTo(i);
      }
      assertThat(raw.closeCode).isNull();
    }
  }
}
