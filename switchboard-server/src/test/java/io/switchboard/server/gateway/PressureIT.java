package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.server.config.BufferConfig;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Pressure and lifecycle (SPEC C1 "Order and pressure", "Event buffer"; "Operations" graceful
 * shutdown): slow consumers are cut off without slowing the room, dead peers are detected by
 * heartbeats, and a graceful stop closes with 1012 and drains the event buffer.
 */
class PressureIT {

  static UnaryOperator<SwitchboardConfig> client(ClientConfig client) {
    return c -> c.withClient(client);
  }

  static String scrape(TestNode node) {
    return node.metrics();
  }

  static double metric(TestNode node, String series) {
    for (String line : scrape(node).split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no " + series + " in /metrics");
  }

  /**
   * A client that stops reading for a while, but less than its queue allows, gets everything in
   * order once it reads again: frames wait while the socket is not writable and writing resumes
   * when it is.
   */
  @Test
  void aClientThatPausesAndResumesReadingGetsEveryEventInOrder() {
    ClientConfig d = ClientConfig.DEFAULT;
    ClientConfig limits =
        new ClientConfig(
            d.maxFrameBytes(),
            100_000,
            1_000_000,
            1_000_000,
            d.maxRooms(),
            d.heartbeat(),
            64 * 1024 * 1024,
            d.maxPendingPublishes(),
            d.maxConnectionsPerUser()); // 4000 x 4 KB may wait
    String room = "chat:resume";
    int events = 4000;
    try (TestNode node = TestNode.start(client(limits));
        TestClient paused = node.connect("paused")) {
      paused.join(room);
      paused.pauseReading();
      String payload = "r".repeat(4000);
      for (int i = 0; i < events; i++) {
        TestNode.await(
            node.ports
                .history()
                .publish(
                    room,
                    new io.switchboard.core.room.PublicationDraft(
                        "tick", "\"" + payload + "\"", null),
                    io.switchboard.core.room.HistoryOptions.DEFAULT));
      }
      paused.resumeReading();
      for (long offset = 1; offset <= events; offset++) {
        assertThat(paused.skipTo("event").getLong("offset")).isEqualTo(offset);
      }
      paused.assertAlive();
      assertThat(metric(node, "switchboard_slow_consumer_closes_total{reason=\"frames\"}"))
          .isZero();
    }
  }

  // ---- slow consumer -----------------------------------------------------------------------

  @Test
  void slowConsumerIsClosedWith4008WhileOtherMembersGetEveryEventInOrder() {
    ClientConfig d = ClientConfig.DEFAULT;
    ClientConfig limits =
        new ClientConfig(
            d.maxFrameBytes(),
            64,
            1_000_000,
            1_000_000,
            d.maxRooms(),
            d.heartbeat(),
            d.outboundQueueBytes(),
            d.maxPendingPublishes(),
            d.maxConnectionsPerUser());
    String room = "chat:slow";
    String payload = "p".repeat(2000);
    // the slow member is a raw client: Vert.x's WebSocket client, paused, may read the close frame
    // and the FIN into its queue and report the closed channel as 1006, losing the 4008 (it did
    // in LimitsPressureIT on CI)
    try (TestNode node = TestNode.start(client(limits));
        RawWebSocket slow = RawWebSocket.connect(node, "/ws?token=" + node.token("slow"));
        TestClient reader = node.connect("reader");
        TestClient publisher = node.connect("publisher")) {
      slow.sendText("{\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\"}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> slow.texts.stream().anyMatch(t -> t.startsWith("{\"type\":\"joined\"")));
      reader.join(room);
      slow.pauseReading();
      int published = 0;
      long expected = 1;
      // publish in batches of 1000 until the slow member is cut off. The publisher pipelines at
      // most WINDOW requests and the reader takes each window before the next one is sent, so the
      // reader's own queue stays far below outboundQueueFrames: a client that lets more than
      // outboundQueueFrames frames pile up (even its own acks, when it pipelines more requests than
      // that in one read) is closed with 4008 too
      for (int batch = 0;
          batch < 20
              && metric(node, "switchboard_slow_consumer_closes_total{reason=\"frames\"}") < 1;
          batch++) {
        for (int w = 0; w < 1000; w += WINDOW) {
          window(publisher, room, payload, published + w);
          for (int i = 0; i < WINDOW; i++) {
            JsonObject e = reader.skipTo("event");
            assertThat(e.getLong("offset")).isEqualTo(expected);
            assertThat(e.getJsonObject("data").getInteger("n")).isEqualTo((int) expected - 1);
            expected++;
          }
        }
        published += 1000;
      }
      assertThat(metric(node, "switchboard_slow_consumer_closes_total{reason=\"frames\"}"))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(reader.closeCode).isNotDone();
      assertThat(publisher.closeCode).isNotDone();
      // the paused client, once it reads again, finds the events it got in order and then 4008
      slow.resumeReading();
      await().atMost(Duration.ofSeconds(20)).until(() -> slow.closeCode != null);
      assertThat(slow.closeCode).isEqualTo(4008);
      long next = 1;
      for (String text : slow.texts) {
        JsonObject f = new JsonObject(text);
        if ("event".equals(f.getString("type"))) {
          assertThat(f.getLong("offset")).isEqualTo(next++);
        }
      }
      assertThat(next - 1).as("the slow client got a gap-free prefix").isLessThan(published);
      // the room goes on: the reader sees the slow member leave and still gets new events
      JsonObject leave = reader.skipTo("presence").getJsonObject("data");
      assertThat(leave.getString("action")).isEqualTo("leave");
      assertThat(leave.getString("user")).isEqualTo("slow");
      publisher.send(
          new JsonObject()
              .put("type", "publish")
              .put("id", "last")
              .put("room", room)
              .put("event", "tick")
              .put("data", "last"));
      assertThat(publisher.expect("ack").getLong("offset")).isEqualTo(published + 1L);
      assertThat(reader.skipTo("event").getLong("offset")).isEqualTo(published + 1L);
      reader.assertAlive();
      publisher.assertAlive();
    }
  }

  static final int WINDOW = 40; // divides 1000

  /** Publishes WINDOW events numbered from {@code first} and checks their acks. */
  static void window(TestClient publisher, String room, String payload, int first) {
    for (int i = first; i < first + WINDOW; i++) {
      publisher.send(
          new JsonObject()
              .put("type", "publish")
              .put("id", i)
              .put("room", room)
              .put("event", "tick")
              .put("data", new JsonObject().put("n", i).put("pad", payload)));
    }
    for (int i = first; i < first + WINDOW; i++) {
      JsonObject ack = publisher.expect("ack");
      assertThat(ack.getInteger("id")).isEqualTo(i);
      assertThat(ack.getLong("offset")).isEqualTo(i + 1L);
    }
  }

  // ---- heartbeat ---------------------------------------------------------------------------

  @Test
  void deadPeerIsClosedWith4002WhileAPongingClientStaysConnected() {
    // 500 ms, not less: a client on a loaded two-core machine must be able to answer within two
    // intervals, or the test measures the machine instead of the heartbeat
    ClientConfig d = ClientConfig.DEFAULT;
    ClientConfig fast =
        new ClientConfig(
            d.maxFrameBytes(),
            d.outboundQueueFrames(),
            d.ratePerSecond(),
            d.rateBurst(),
            d.maxRooms(),
            Duration.ofMillis(500),
            d.outboundQueueBytes(),
            d.maxPendingPublishes(),
            d.maxConnectionsPerUser());
    try (TestNode node = TestNode.start(client(fast));
        TestClient live = node.connect("alive")) {
      live.join("chat:hb");
      long started = System.nanoTime();
      RawWebSocket raw = RawWebSocket.connect(node, "/ws?token=" + node.token("dead"));
      await().atMost(Duration.ofSeconds(8)).until(() -> raw.closeCode != null || raw.tcpClosed);
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(raw.statusLine).startsWith("HTTP/1.1 101");
      assertThat(raw.opcodes).as("welcome text frame, then pings").startsWith(0x1).contains(0x9);
      assertThat(raw.closeCode).as("close frame code").isEqualTo(4002);
      assertThat(elapsedMillis).as("silent for two intervals").isGreaterThanOrEqualTo(1000);
      raw.close();
      // the client that answers pings is still connected several intervals later
      await()
          .during(Duration.ofMillis(2000))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !live.closeCode.isDone());
      live.assertAlive();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> metric(node, "switchboard_connections") == 1.0);
    }
  }

  // ---- graceful shutdown -------------------------------------------------------------------

  @Test
  void gracefulStopClosesEveryConnectionWith1012() {
    TestNode node = TestNode.start();
    try {
      TestClient a = node.connect("alice");
      TestClient b = node.connect("bob");
      a.join("chat:stop");
      b.join("chat:stop");
      TestNode.await(node.server.stop());
      assertThat(a.awaitClose()).isEqualTo((short) 1012);
      assertThat(b.awaitClose()).isEqualTo((short) 1012);
      a.close();
      b.close();
    } finally {
      TestNode.await(node.vertx.close());
    }
  }

  @Test
  void gracefulStopDrainsTheEventBufferInOrder() {
    BufferConfig slowFlush =
        new BufferConfig(
            Duration.ofMinutes(10), 1000, 100_000, Duration.ofMillis(100), Duration.ofSeconds(5));
    TestNode node = TestNode.start(c -> c.withBuffer(slowFlush));
    try {
      List<BrokerMessage> forwarded = new CopyOnWriteArrayList<>();
      TestNode.await(node.ports.broker().bind("q", "board", "board.#"));
      TestNode.await(
          node.ports
              .broker()
              .consume(
                  "q",
                  m -> {
                    forwarded.add(m);
                    return Future.succeededFuture();
                  }));
      try (TestClient c = node.connect("alice")) {
        for (int i = 1; i <= 50; i++) {
          c.send(
              new JsonObject()
                  .put("type", "publish")
                  .put("id", i)
                  .put("room", "board:1")
                  .put("event", "card.add")
                  .put("data", new JsonObject().put("n", i)));
        }
        for (int i = 1; i <= 50; i++) {
          JsonObject ack = c.expect("ack");
          assertThat(ack.getLong("offset")).isEqualTo((long) i);
        }
        assertThat(forwarded).as("nothing flushed yet (10 min interval)").isEmpty();
        assertThat(metric(node, "switchboard_event_buffer_pending")).isEqualTo(50.0);
        TestNode.await(node.server.stop());
        assertThat(c.awaitClose()).isEqualTo((short) 1012);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> forwarded.size() >= 50);
      assertThat(forwarded).hasSize(50);
      List<Long> offsets = new ArrayList<>();
      for (BrokerMessage m : forwarded) {
        offsets.add(Long.parseLong(m.headers().get("offset")));
        assertThat(m.exchange()).isEqualTo("board");
        assertThat(m.routingKey()).isEqualTo("board.card.add");
        assertThat(m.headers()).containsEntry("room", "board:1").containsEntry("from", "alice");
      }
      assertThat(offsets)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
      JsonObject first =
          new JsonObject(new String(forwarded.get(0).body(), StandardCharsets.UTF_8));
      assertThat(first)
          .isEqualTo(
              new JsonObject()
                  .put("pattern", "card.add")
                  .put("data", new JsonObject().put("n", 1)));
    } finally {
      TestNode.await(node.vertx.close());
    }
  }
}
