package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved client of {@link FuzzIT} (the Vert.x WebSocket client, which answers pings):
 * joined to the rooms the fuzzers publish to and to a room of its own, it publishes to both every
 * few milliseconds and checks that every room's {@code event} frames keep coming in offset order
 * with no gap, from its {@code joined} offset on, and that every frame it gets is documented.
 */
final class FuzzWitness {
  private final String name;
  private final FuzzOracle oracle;
  private final List<String> rooms;
  private final WebSocketClient client;
  private ClientWebSocket ws;
  private final Map<String, Long> next = new HashMap<>();
  private final Map<String, CompletableFuture<Long>> joined = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> awaited = new HashMap<>();
  private final Map<String, Long> awaitedOffset = new HashMap<>();
  final CompletableFuture<Short> closed = new CompletableFuture<>();
  private long lastOwnEvent;
  private long longestStallMs;
  private long events;
  private long published;
  private long timer = -1;

  FuzzWitness(Vertx vertx, String name, FuzzOracle oracle, List<String> rooms) {
    this.name = name;
    this.oracle = oracle;
    this.rooms = rooms;
    this.client = vertx.createWebSocketClient();
  }

  /** Connects with {@code token}, joins every room and starts publishing every {@code everyMs}. */
  void start(Vertx vertx, int port, String token, long everyMs) throws Exception {
    ws = client.webSocket();
    ws.textMessageHandler(this::received);
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    ws.connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/ws?token=" + token))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    for (String room : rooms) {
      CompletableFuture<Long> f = new CompletableFuture<>();
      synchronized (this) {
        joined.put(room, f);
      }
      ws.writeTextMessage(
          "{\"type\":\"join\",\"id\":\"join-" + room + "\",\"room\":\"" + room + "\"}");
      f.get(10, TimeUnit.SECONDS);
    }
    synchronized (this) {
      lastOwnEvent = System.nanoTime();
    }
    timer =
        vertx.setPeriodic(
            everyMs,
            t -> {
              for (String room : rooms) {
                ws.writeTextMessage(
                    "{\"type\":\"publish\",\"id\":\""
                        + name
                        + "-"
                        + published++
                        + "\",\"room\":\""
                        + room
                        + "\",\"event\":\"witness\",\"data\":{\"n\":"
                        + published
                        + "}}");
              }
            });
  }

  private synchronized void received(String text) {
    JsonNode f = oracle.check(name, text);
    if (f == null) {
      return;
    }
    String type = f.get("type").asText();
    String room = f.path("room").asText();
    if ("joined".equals(type) && joined.containsKey(room)) {
      long offset = f.get("data").get("offset").asLong();
      next.put(room, offset + 1);
      joined.get(room).complete(offset);
    } else if ("event".equals(type) && next.containsKey(room)) {
      long offset = f.get("offset").asLong();
      if (offset != next.get(room)) {
        oracle.violation(
            name, "room " + room + " expected offset " + next.get(room) + ", got " + offset);
      }
      next.put(room, offset + 1);
      events++;
      if (room.equals(rooms.get(rooms.size() - 1))) {
        long now = System.nanoTime();
        longestStallMs = Math.max(longestStallMs, (now - lastOwnEvent) / 1_000_000);
        lastOwnEvent = now;
      }
      CompletableFuture<Void> w = awaited.get(room);
      if (w != null && offset >= awaitedOffset.get(room)) {
        w.complete(null);
      }
    } else if ("ack".equals(type) && f.path("id").asText().startsWith("mark-")) {
      awaitedOffset.put(room, f.get("offset").asLong());
      if (next.getOrDefault(room, 0L) > f.get("offset").asLong()) {
        awaited.get(room).complete(null);
      }
    } else if ("error".equals(type)) {
      oracle.violation(name, "witness got an error: " + text);
    }
  }

  /** Publishes a last mark in each room and waits until it is received. */
  void finish() throws Exception {
    for (String room : rooms) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      synchronized (this) {
        awaited.put(room, f);
        awaitedOffset.put(room, Long.MAX_VALUE);
      }
      ws.writeTextMessage(
          "{\"type\":\"publish\",\"id\":\"mark-"
              + room
              + "\",\"room\":\""
              + room
              + "\",\"event\":\"mark\"}");
      f.get(10, TimeUnit.SECONDS);
    }
  }

  void stopPublishing(Vertx vertx) {
    vertx.cancelTimer(timer);
  }

  boolean isOpen() {
    return !closed.isDone() && !ws.isClosed();
  }

  synchronized long events() {
    return events;
  }

  synchronized long longestStallMs() {
    return longestStallMs;
  }

  void close() {
    ws.close();
    client.close();
  }
}
