package io.switchboard.tunnel.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A controller for tests: a real WebSocket client on {@code /event/ws} that queues the requests it
 * receives and, when given a {@code replier}, answers each at once with what it returns (a reply
 * envelope, or {@code null} for no answer).
 */
public final class TestController implements AutoCloseable {
  private final WebSocketClient client;
  private final ClientWebSocket ws;
  public final BlockingQueue<JsonObject> requests = new LinkedBlockingQueue<>();
  public final CompletableFuture<JsonObject> welcome = new CompletableFuture<>();
  public final CompletableFuture<Short> closeCode = new CompletableFuture<>();
  private volatile Function<JsonObject, JsonObject> replier;

  private TestController(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
  }

  /**
   * Connects and waits for the welcome.
   *
   * @return the controller; failed with the upgrade's refusal (its message names the status)
   */
  public static Future<TestController> connect(
      Vertx vertx, int port, String project, String connectionId, String token) {
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/event/ws?project_id=" + project);
    if (connectionId != null) {
      o.addHeader("connection_id", connectionId);
    }
    if (token != null) {
      o.addHeader("Authorization", "Bearer " + token);
    }
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket ws = client.webSocket();
    TestController c = new TestController(client, ws);
    ws.textMessageHandler(
        t -> {
          JsonObject f = new JsonObject(t);
          if ("welcome".equals(f.getString("type")) && !f.containsKey("id")) {
            c.welcome.complete(f);
            return;
          }
          Function<JsonObject, JsonObject> r = c.replier;
          JsonObject reply = r == null ? null : r.apply(f);
          if (reply != null) {
            ws.writeTextMessage(reply.encode());
          } else {
            c.requests.add(f);
          }
        });
    ws.closeHandler(v -> c.closeCode.complete(ws.closeStatusCode()));
    return ws.connect(o)
        .compose(v -> Future.fromCompletionStage(c.welcome))
        .map(w -> c)
        .onFailure(e -> client.close());
  }

  /** Answers every later request with {@code replier}'s envelope ({@code null}: queue it). */
  public TestController replying(Function<JsonObject, JsonObject> replier) {
    this.replier = replier;
    return this;
  }

  /** An echo reply: the request's id, project and type, its data as {@code data}. */
  public static JsonObject echo(JsonObject request) {
    return new JsonObject()
        .put("id", request.getString("id"))
        .put("project_id", request.getString("project_id"))
        .put("type", request.getString("type"))
        .put("data", request.getValue("data"));
  }

  /** The next queued request, within 10 s, or an assertion error. */
  public JsonObject nextRequest() {
    try {
      JsonObject r = requests.poll(10, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request within 10 s");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends a raw frame. */
  public void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  /** Sends a raw text frame. */
  public void sendText(String text) {
    ws.writeTextMessage(text);
  }

  /** Closes the client and its connection at once, whatever is in flight (a killed controller). */
  public void kill() {
    client.close();
  }

  @Override
  public void close() {
    ws.close();
    client.close();
  }
}
