package io.switchboard.server.gateway;

import static io.switchboard.server.gateway.PressureIT.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Per-connection queues (issue 7 points 6, 7 and 8): the outbound queue is bounded in bytes as well
 * as frames, the chain of publishes waiting for their ack is bounded, and pongs cannot pile up
 * behind a client that pings without reading; pings and binary frames pass the rate limit, and
 * binary frames the size check.
 */
class LimitsPressureIT {
  private static final String PAD = "b".repeat(16 * 1024);

  static UnaryOperator<SwitchboardConfig> limits(
      int queueFrames, int queueBytes, int pendingPublishes) {
    return c -> {
      ClientConfig d = c.client();
      return c.withClient(
          new ClientConfig(
              d.maxFrameBytes(),
              queueFrames,
              1_000_000,
              1_000_000,
              d.maxRooms(),
              d.heartbeat(),
              queueBytes,
              pendingPublishes,
              d.maxConnectionsPerUser()));
    };
  }

  static void publish(TestNode node, String room) {
    TestNode.await(
        node.ports
            .history()
            .publish(
                room,
                new PublicationDraft("tick", "\"" + PAD + "\"", null),
                HistoryOptions.DEFAULT));
  }

  @Test
  void aClientFurtherBehindThanOutboundQueueBytesIsClosedWith4008() {
    String room = "chat:bytes";
    // a raw client: Vert.x's WebSocket client, paused, may read the close frame and the FIN into
    // its queue and then report the closed channel as 1006 (CI), losing the 4008 it had read
    try (TestNode node = TestNode.start(limits(1_000_000, 256 * 1024, 64));
        RawWebSocket slow = RawWebSocket.connect(node, "/ws?token=" + node.token("slow"));
        TestClient other = node.connect("other")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !slow.texts.isEmpty());
      String id =
          new io.vertx.core.json.JsonObject(slow.texts.get(0))
              .getJsonObject("data")
              .getString("connection");
      Connection server = node.server.gateway().connection(id);
      slow.sendText("{\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\"}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> slow.texts.stream().anyMatch(t -> t.startsWith("{\"type\":\"joined\"")));
      slow.pauseReading();
      for (int i = 0; i < 4000 && !server.isClosed(); i++) {
        publish(
            node, room); // 16 KiB each: the socket buffers fill, then the queue, 256 KiB at most
      }
      assertThat(metric(node, "switchboard_slow_consumer_closes_total{reason=\"bytes\"}"))
          .isEqualTo(1.0);
      assertThat(metric(node, "switchboard_slow_consumer_closes_total{reason=\"frames\"}"))
          .isZero();
      slow.resumeReading();
      await().atMost(Duration.ofSeconds(20)).until(() -> slow.closeCode != null);
      assertThat(slow.closeCode).isEqualTo(4008);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> metric(node, "switchboard_outbound_queued_bytes") == 0.0);
      other.assertAlive();
    }
  }

  /** The server side of {@code client}, whose {@code welcome} is the next frame. */
  static Connection serverSide(TestNode node, TestClient client) {
    String id = client.expect("welcome").getJsonObject("data").getString("connection");
    return node.server.gateway().connection(id);
  }

  @Test
  void aSingleFrameLargerThanOutboundQueueBytesGoesOutWhenNothingElseWaits() {
    String room = "chat:bigjoin";
    try (TestNode node = TestNode.start(limits(4096, 4096, 64));
        TestClient c = node.connect("alice")) {
      for (int i = 0; i < 10; i++) {
        TestNode.await(
            node.ports
                .history()
                .publish(
                    room,
                    new PublicationDraft("tick", "\"" + "j".repeat(2000) + "\"", null),
                    HistoryOptions.DEFAULT));
      }
      JsonObject joined = c.join(room); // about 20 KiB in one frame, five times the bound
      assertThat(joined.getJsonObject("data").getJsonArray("history")).hasSize(10);
      c.assertAlive();
      // the memory engine's streams are measured (issue 7 point 2)
      assertThat(metric(node, "switchboard_history_rooms")).isEqualTo(1.0);
      assertThat(metric(node, "switchboard_history_publications")).isEqualTo(10.0);
      assertThat(metric(node, "switchboard_history_evictions_total")).isZero();
      assertThat(metric(node, "switchboard_slow_consumer_closes_total{reason=\"bytes\"}")).isZero();
    }
  }

  @Test
  void publishesBeyondMaxPendingPublishesAreRateLimitedWithoutBeingQueued() {
    HeldPorts held = HeldPorts.publishes();
    try (TestNode node = TestNode.start(held.ports, limits(4096, 4 * 1024 * 1024, 4));
        TestClient c = node.connect("alice")) {
      for (int i = 0; i < 10; i++) {
        c.send(
            new JsonObject()
                .put("type", "publish")
                .put("id", i)
                .put("room", "chat:pending")
                .put("event", "e")
                .put("data", i));
      }
      c.send(new JsonObject().put("type", "ping").put("id", "after"));
      for (int i = 4; i < 10; i++) {
        JsonObject e = c.expect("error");
        assertThat(e.getInteger("id")).isEqualTo(i);
        assertThat(e.getString("code")).isEqualTo("rate_limited");
        assertThat(e.getString("message")).contains("4 publishes");
      }
      assertThat(c.expect("pong").getString("id")).isEqualTo("after");
      held.release();
      for (int i = 0; i < 4; i++) {
        JsonObject ack = c.skipTo("ack");
        assertThat(ack.getInteger("id")).isEqualTo(i);
        assertThat(ack.getLong("offset")).as("the rejected ones were not queued").isEqualTo(i + 1L);
      }
      assertThat(metric(node, "switchboard_errors_total{code=\"rate_limited\"}")).isEqualTo(6.0);
      c.publish("chat:pending", "e", "more");
      c.assertAlive();
    }
  }

  @Test
  void aClientThatPingsWithoutReadingHasAtMostOnePongPending() {
    String room = "chat:pings";
    try (TestNode node = TestNode.start(limits(1_000_000, 64 * 1024 * 1024, 64));
        RawWebSocket raw =
            RawWebSocket.connect(node, "/ws?token=" + node.token("pinger"), 64 * 1024)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.texts.size() == 1); // welcome
      Connection server =
          node.server
              .gateway()
              .connection(
                  new JsonObject(raw.texts.get(0)).getJsonObject("data").getString("connection"));
      raw.sendText(new JsonObject().put("type", "join").put("id", "j").put("room", room).encode());
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.texts.size() == 2); // joined
      raw.pauseReading();
      // until more waits in the queue than the kernel can ever take (server send buffer at most
      // 4 MiB, client receive buffer fixed at 64 KiB): the socket stays full while the client
      // pauses
      for (int i = 0; i < 4000 && server.queuedBytes() < 6 * 1024 * 1024; i++) {
        publish(node, room);
      }
      assertThat(metric(node, "switchboard_outbound_queued_bytes"))
          .isGreaterThanOrEqualTo(6 * 1024 * 1024);
      for (int i = 0; i < 500; i++) {
        raw.sendPing("p" + i);
      }
      raw.sendText("{"); // bad_request, counted once every ping before it was handled
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> metric(node, "switchboard_errors_total{code=\"bad_request\"}") == 1.0);
      raw.resumeReading();
      await().atMost(Duration.ofSeconds(20)).until(() -> raw.pongs.contains("p499"));
      assertThat(raw.pongs)
          .as("only the pong in flight and the latest one")
          .hasSizeLessThanOrEqualTo(2);
      assertThat(raw.closeCode).isNull();
    }
  }

  /** Issue 7 point 8: binary frames pass the size check like text frames. */
  @Test
  void aBinaryFrameOverTheLimitIsFrameTooLarge() {
    UnaryOperator<SwitchboardConfig> small =
        c -> {
          ClientConfig d = c.client();
          return c.withClient(
              new ClientConfig(
                  1024,
                  d.outboundQueueFrames(),
                  d.ratePerSecond(),
                  d.rateBurst(),
                  d.maxRooms(),
                  d.heartbeat(),
                  d.outboundQueueBytes(),
                  d.maxPendingPublishes(),
                  d.maxConnectionsPerUser()));
        };
    try (TestNode node = TestNode.start(small);
        TestClient c = node.connect("alice")) {
      c.sendBinary(new byte[1025]);
      JsonObject e = c.expect("error");
      assertThat(e.getString("code")).isEqualTo("frame_too_large");
      c.sendBinary(new byte[10]);
      assertThat(c.expect("error").getString("code")).isEqualTo("binary_not_supported");
      c.sendBinary(new byte[4 * 1024 + 1]);
      assertThat(c.awaitClose()).isEqualTo((short) 1009);
    }
  }

  /**
   * Issue 7 point 8: pings and binary frames pass the rate limiter; a flood of either closes 4029.
   */
  @Test
  void pingAndBinaryFloodsAreClosedWith4029() {
    UnaryOperator<SwitchboardConfig> slowRate =
        c -> {
          ClientConfig d = c.client();
          return c.withClient(d.withRate(5, 5));
        };
    try (TestNode flood = TestNode.start(slowRate);
        RawWebSocket pinger = RawWebSocket.connect(flood, "/ws?token=" + flood.token("pinger"));
        RawWebSocket binary = RawWebSocket.connect(flood, "/ws?token=" + flood.token("binary"));
        TestClient other = flood.connect("alice")) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> pinger.texts.size() == 1 && binary.texts.size() == 1);
      // The server closes mid-flood: a write after its close is refused, which ends the flood.
      for (int i = 0; i < 100 && pinger.closeCode == null; i++) {
        if (!pinger.offerFrame(0x9, ("p" + i).getBytes(StandardCharsets.UTF_8))) {
          break;
        }
      }
      for (int i = 0; i < 100 && binary.closeCode == null; i++) {
        if (!binary.offerFrame(0x2, new byte[] {1, 2, 3})) {
          break;
        }
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> pinger.closeCode != null && binary.closeCode != null);
      assertThat(pinger.closeCode).isEqualTo(4029);
      assertThat(pinger.pongs).as("the burst, not the flood").hasSizeLessThanOrEqualTo(10);
      assertThat(binary.closeCode).isEqualTo(4029);
      other.assertAlive();
    }
  }
}
