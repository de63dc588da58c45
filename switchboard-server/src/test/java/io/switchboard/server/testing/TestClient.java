package io.switchboard.server.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client speaking {@code switchboard.v1} for tests: every received frame is queued
 * in order; {@link #expect} takes the next one and checks its type.
 */
public final class TestClient implements AutoCloseable {
  private final WebSocket ws;
  private final WebSocketClient client;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  public final CompletableFuture<Short> closeCode = new CompletableFuture<>();

  private TestClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
  }

  /** Connects to {@code path} (with query) on localhost. */
  public static TestClient connect(Vertx vertx, int port, String path) {
    return connect(
        vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path));
  }

  /**
   * Connects with explicit options (headers, cookies). The handlers are set before the handshake
   * ({@code ClientWebSocket}), so a frame arriving together with the 101 response is never lost.
   */
  public static TestClient connect(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket ws = client.webSocket();
    TestClient c = new TestClient(client, ws);
    ws.textMessageHandler(t -> c.frames.add(new JsonObject(t)));
    ws.closeHandler(v -> c.closeCode.complete(ws.closeStatusCode()));
    try {
      ws.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return c;
    } catch (Exception e) {
      // a server that refuses right after the upgrade (error frame, then close) can close the
      // socket before the connect future is done: what it sent was still received
      if (!c.frames.isEmpty() || closedWithin(c, 2)) {
        return c;
      }
      client.close();
      throw new AssertionError("connect failed: " + e, e);
    }
  }

  private static boolean closedWithin(TestClient c, int seconds) {
    try {
      c.closeCode.get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Sends a JSON frame. */
  public TestClient send(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
    return this;
  }

  /** Sends raw text. */
  public TestClient sendText(String text) {
    ws.writeTextMessage(text);
    return this;
  }

  /** Sends a binary frame. */
  public TestClient sendBinary(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes));
    return this;
  }

  /** The next frame, waiting up to 10 s. */
  public JsonObject next() {
    try {
      JsonObject f = frames.poll(10, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, asserting its type. */
  public JsonObject expect(String type) {
    JsonObject f = next();
    if (!type.equals(f.getString("type"))) {
      throw new AssertionError("expected a " + type + " frame, got " + f.encode());
    }
    return f;
  }

  /** The next frame of {@code type}, skipping others (e.g. presence broadcasts). */
  public JsonObject skipTo(String type) {
    while (true) {
      JsonObject f = next();
      if (type.equals(f.getString("type"))) {
        return f;
      }
    }
  }

  /** Frames received and not yet taken. */
  public int pending() {
    return frames.size();
  }

  /** Joins a room and returns the joined frame. */
  public JsonObject join(String room) {
    send(new JsonObject().put("type", "join").put("id", "j-" + room).put("room", room));
    return skipTo("joined");
  }

  /** Publishes and returns the ack. */
  public JsonObject publish(String room, String event, Object data) {
    send(
        new JsonObject()
            .put("type", "publish")
            .put("id", "p")
            .put("room", room)
            .put("event", event)
            .put("data", data));
    return skipTo("ack");
  }

  private final java.util.concurrent.atomic.AtomicInteger pings =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Asserts the connection still answers: a ping gets its pong with the same id, and it is open.
   */
  public void assertAlive() {
    String id = "alive-" + pings.incrementAndGet();
    send(new JsonObject().put("type", "ping").put("id", id));
    JsonObject pong = skipTo("pong");
    if (!id.equals(pong.getString("id")) || closeCode.isDone()) {
      throw new AssertionError(
          "expected an open connection answering " + id + ", got " + pong.encode());
    }
  }

  /** Pauses reading from the socket (a slow consumer). */
  public void pauseReading() {
    ws.pause();
  }

  /** Resumes reading after {@link #pauseReading}. */
  public void resumeReading() {
    ws.resume();
  }

  /** The close code, waiting up to 10 s. */
  public short awaitClose() {
    try {
      return closeCode.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("not closed within 10 s", e);
    }
  }

  @Override
  public void close() {
    if (!closeCode.isDone()) {
      ws.close();
    }
    client.close();
  }
}
