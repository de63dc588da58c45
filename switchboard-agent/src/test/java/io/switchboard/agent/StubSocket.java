package io.switchboard.agent;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One agent connection as the {@link StubGateway} sees it: send requests, read the replies. */
final class StubSocket {
  final String connectionId;
  final String project;
  final CompletableFuture<Short> closed = new CompletableFuture<>();
  final AtomicInteger pongs = new AtomicInteger();
  final AtomicInteger frames = new AtomicInteger();
  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final Map<Object, JsonObject> replies = new ConcurrentHashMap<>();
  private volatile long pingTimer = -1;

  StubSocket(Vertx vertx, ServerWebSocket ws, String connectionId, String project) {
    this.vertx = vertx;
    this.ws = ws;
    this.connectionId = connectionId;
    this.project = project;
    ws.pongHandler(b -> pongs.incrementAndGet());
    ws.textMessageHandler(
        text -> {
          frames.incrementAndGet();
          JsonObject json = new JsonObject(text);
          replies.put(json.getValue("id"), json);
        });
    ws.closeHandler(
        v -> {
          stopPings();
          closed.complete(ws.closeStatusCode());
        });
  }

  /** Sends a request envelope {id, project_id, type, data}. */
  void send(String id, String type, Object data) {
    sendRaw(
        new JsonObject()
            .put("id", id)
            .put("project_id", project)
            .put("type", type)
            .put("data", data)
            .encode());
  }

  void sendRaw(String text) {
    ws.writeTextMessage(text);
  }

  /** The reply to {@code id}, within 10 s. */
  JsonObject reply(String id) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> replies.get(id), r -> r != null);
  }

  /** Sends a request and waits for its reply. */
  JsonObject request(String id, String type, Object data) {
    send(id, type, data);
    return reply(id);
  }

  boolean hasReply(String id) {
    return replies.containsKey(id);
  }

  void pingEvery(Duration period) {
    pingTimer = vertx.setPeriodic(period.toMillis(), t -> ws.writePing(Buffer.buffer("hb")));
  }

  void stopPings() {
    vertx.cancelTimer(pingTimer);
  }

  void close() {
    ws.close((short) 1001, "node going away");
  }

  boolean isClosed() {
    return ws.isClosed();
  }
}
