package io.switchboard.app.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal {@code switchboard.v1} test client: frames queued in arrival order. */
final class WsClient implements AutoCloseable {
  private final WebSocketClient client;
  private final ClientWebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> log = new ArrayList<>();
  private volatile boolean open = true;

  private WsClient(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(
        t -> {
          JsonObject f = new JsonObject(t);
          synchronized (log) {
            log.add(f);
          }
          frames.add(f);
        });
    ws.closeHandler(
        v -> {
          open = false;
          synchronized (log) { // shows in a failed wait's message
            log.add(
                new JsonObject()
                    .put("type", "(closed)")
                    .put("code", ws.closeStatusCode())
                    .put("reason", ws.closeReason()));
          }
        });
  }

  /** Connects; the handler is set before the handshake, so no frame is lost. */
  static WsClient connect(Vertx vertx, int port, String token) {
    return open(vertx, port, "/ws?token=" + token);
  }

  /** Opens the seed's watch socket {@code /ws?workflow_id=} (SPEC C3) of {@code workflowId}. */
  static WsClient watch(Vertx vertx, int port, String token, String workflowId) {
    return open(vertx, port, "/ws?workflow_id=" + workflowId + "&token=" + token);
  }

  private static WsClient open(Vertx vertx, int port, String uri) {
    // a joined frame carries the room's history in one frame: far over the client's 64 KiB default
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
    WsClient c = new WsClient(client, client.webSocket());
    Cluster.await(
        c.ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)));
    return c;
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  /** Sends {@code publish} with {@code id} and integer {@code data} (no wait for the ack). */
  void publish(String room, long id, long data) {
    send(
        new JsonObject()
            .put("type", "publish")
            .put("id", id)
            .put("room", room)
            .put("event", "msg")
            .put("data", data));
  }

  /** Sends {@code join} (with {@code since} when {@code epoch} is not null); no wait. */
  void sendJoin(String room, String epoch, long offset) {
    JsonObject join = new JsonObject().put("type", "join").put("room", room);
    if (epoch != null) {
      join.put("since", new JsonObject().put("epoch", epoch).put("offset", offset));
    }
    send(join);
  }

  JsonObject join(String room) {
    sendJoin(room, null, 0);
    return skipTo("joined");
  }

  /** The next frame within {@code seconds}, or {@code null}. */
  JsonObject poll(int seconds) {
    try {
      return frames.poll(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame of {@code type} within 10 s, skipping others. */
  JsonObject skipTo(String type) {
    while (true) {
      JsonObject f = poll(10);
      if (f == null) {
        List<JsonObject> all = received();
        throw new AssertionError(
            "no "
                + type
                + " frame within 10 s; "
                + all.size()
                + " frames received, the last: "
                + all.subList(Math.max(0, all.size() - 3), all.size()));
      }
      if (type.equals(f.getString("type"))) {
        return f;
      }
      if ("error".equals(f.getString("type"))) {
        throw new AssertionError("error frame while waiting for " + type + ": " + f);
      }
    }
  }

  /** Every frame received so far, in arrival order (whether or not it was polled). */
  List<JsonObject> received() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  int pending() {
    return frames.size();
  }

  boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    ws.close();
    client.close();
  }
}
