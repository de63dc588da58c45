package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.testing.TestNode;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC C1 "Join is consistent": clients that join while several others publish as fast as they can
 * see, after {@code joined}, exactly the offsets {@code joined.offset + 1 …} up to the last one,
 * with no gap and no duplicate, and the history in {@code joined} is contiguous up to the joined
 * offset.
 */
class JoinConsistencyIT {
  static final String ROOM = "chat:storm";
  static final int PUBLISHERS = 4;
  static final int PER_PUBLISHER = 2000;
  static final int JOINERS = 24;
  static TestNode node;

  @BeforeAll
  static void start() {
    node =
        TestNode.start(
            c ->
                c.withClient(
                    new io.switchboard.server.config.ClientConfig(
                        64 * 1024,
                        100_000,
                        100_000,
                        100_000,
                        128,
                        Duration.ofSeconds(25),
                        64 * 1024 * 1024,
                        64,
                        100)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A joiner's view: the joined frame and every event offset after it, in arrival order. */
  static final class Joiner {
    final CompletableFuture<JsonObject> joined = new CompletableFuture<>();
    final ConcurrentLinkedQueue<Long> offsets = new ConcurrentLinkedQueue<>();
    final AtomicLong last = new AtomicLong();
  }

  @Test
  void joinsDuringConcurrentPublishesHaveNoGapAndNoDuplicate() throws Exception {
    WebSocketClient client = node.vertx.createWebSocketClient();
    long total = (long) PUBLISHERS * PER_PUBLISHER;
    AtomicLong acked = new AtomicLong();
    List<Joiner> joiners = new java.util.concurrent.CopyOnWriteArrayList<>();
    // the first joiner starts once publications flow; each next one when the previous is joined
    java.util.function.IntConsumer[] chain = new java.util.function.IntConsumer[1];
    chain[0] =
        i -> {
          if (i < JOINERS) {
            Joiner j = join(client, "joiner" + i);
            joiners.add(j);
            j.joined.thenRun(() -> chain[0].accept(i + 1));
          }
        };
    for (int p = 0; p < PUBLISHERS; p++) {
      WebSocket ws = TestNode.await(client.connect(options("pub" + p)));
      AtomicLong sent = new AtomicLong();
      ws.textMessageHandler(
          t -> {
            if (t.startsWith("{\"type\":\"ack\"")) {
              if (acked.incrementAndGet() == 50) {
                chain[0].accept(0);
              }
              if (sent.get() < PER_PUBLISHER) {
                publish(ws, sent);
              }
            }
          });
      for (int w = 0; w < 8; w++) {
        publish(ws, sent);
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(acked.get()).isEqualTo(total));
    await().atMost(Duration.ofSeconds(30)).until(() -> joiners.size() == JOINERS);
    for (Joiner j : joiners) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  j.joined.isDone()
                      && Math.max(
                              j.last.get(), j.joined.join().getJsonObject("data").getLong("offset"))
                          == total);
      JsonObject data = j.joined.get(1, TimeUnit.SECONDS).getJsonObject("data");
      long from = data.getLong("offset");
      JsonArray history = data.getJsonArray("history");
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.getJsonObject(i).getLong("offset"))
            .isEqualTo(from - history.size() + 1 + i);
      }
      List<Long> seen = new ArrayList<>(j.offsets);
      assertThat(seen).hasSize((int) (total - from));
      for (int i = 0; i < seen.size(); i++) {
        assertThat(seen.get(i))
            .as("event %d after joined offset %d", i, from)
            .isEqualTo(from + 1 + i);
      }
    }
    long midStream =
        joiners.stream()
            .map(j -> j.joined.join().getJsonObject("data").getLong("offset"))
            .filter(o -> o > 0 && o < total)
            .count();
    assertThat(midStream)
        .as("joiners that joined while publications were flowing")
        .isGreaterThan(JOINERS / 2);
    client.close();
  }

  private static void publish(WebSocket ws, AtomicLong sent) {
    ws.writeTextMessage(
        new JsonObject()
            .put("type", "publish")
            .put("room", ROOM)
            .put("event", "tick")
            .put("data", new JsonObject().put("k", sent.incrementAndGet()))
            .encode());
  }

  private static Joiner join(WebSocketClient client, String user) {
    Joiner j = new Joiner();
    // handlers before the handshake, so the welcome that triggers the join is never lost
    var ws = client.webSocket();
    ws.textMessageHandler(
        t -> {
          JsonObject f = new JsonObject(t);
          switch (f.getString("type")) {
            case "welcome" ->
                ws.writeTextMessage(
                    new JsonObject().put("type", "join").put("room", ROOM).encode());
            case "joined" -> j.joined.complete(f);
            case "event" -> {
              j.offsets.add(f.getLong("offset"));
              j.last.set(f.getLong("offset"));
            }
            default -> {}
          }
        });
    ws.connect(options(user));
    return j;
  }

  private static WebSocketConnectOptions options(String user) {
    return new WebSocketConnectOptions()
        .setHost("127.0.0.1")
        .setPort(node.port())
        .setURI("/ws?token=" + node.token(user));
  }
}
