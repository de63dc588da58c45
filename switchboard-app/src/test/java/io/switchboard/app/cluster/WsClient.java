package io.switchboard.app.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal {@code switchboard.v1} test client: frames queued in arrival order. */
final class WsClient implements AutoCloseable {
  private final WebSocketClient client;
  private final ClientWebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  private WsClient(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
  }

  /** Connects; the handler is set before the handshake, so no frame is lost. */
  static WsClient connect(Vertx vertx, int port, String token) {
    WebSocketClient client = vertx.createWebSocketClient();
    WsClient c = new WsClient(client, client.webSocket());
    ClusterIT.await(c.ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/ws?token=" + token)));
    return c;
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  JsonObject join(String room) {
    send(new JsonObject().put("type", "join").put("room", room));
    return skipTo("joined");
  }

  /** The next frame of {@code type} within 10 s, skipping others. */
  JsonObject skipTo(String type) {
    try {
      while (true) {
        JsonObject f = frames.poll(10, TimeUnit.SECONDS);
        if (f == null) {
          throw new AssertionError("no " + type + " frame within 10 s");
        }
        if (type.equals(f.getString("type"))) {
          return f;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int pending() {
    return frames.size();
  }

  @Override
  public void close() {
    ws.close();
    client.close();
  }
}
