package io.switchboard.hooks.testing;

import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server playing the Telegram Bot API's {@code POST /bot<token>/sendMessage}: with the
 * right token it records the JSON body and answers {@code {"ok":true,...}}; with another path 404
 * {@code {"ok":false}} like Telegram. The machine reaches no Telegram server (issue 11 point 3).
 */
public final class FakeBotApi implements AutoCloseable {
  public final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final HttpServer server;

  private FakeBotApi(Vertx vertx, String token) {
    String path = "/bot" + token + "/sendMessage";
    this.server =
        TestNode.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    req ->
                        req.body()
                            .onSuccess(
                                buf -> {
                                  if (!req.path().equals(path)) {
                                    req.response()
                                        .setStatusCode(404)
                                        .end("{\"ok\":false,\"description\":\"Not Found\"}");
                                    return;
                                  }
                                  messages.add(buf.toJsonObject());
                                  req.response()
                                      .putHeader("Content-Type", "application/json")
                                      .end("{\"ok\":true,\"result\":{\"message_id\":1}}");
                                }))
                .listen(0, "127.0.0.1"));
  }

  /** Starts the fake for bot {@code token}. */
  public static FakeBotApi start(Vertx vertx, String token) {
    return new FakeBotApi(vertx, token);
  }

  /** {@code telegram.apiBaseUrl}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The next sendMessage body, waiting up to 10 s. */
  public JsonObject next() {
    try {
      JsonObject m = messages.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no sendMessage within 10 s");
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    TestNode.await(server.close());
  }
}
