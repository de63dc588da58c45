package io.switchboard.server.auth;

import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server serving a JWKS document that a test can change, or stop answering; it counts
 * the requests it receives.
 */
final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private volatile String document = "{\"keys\":[]}";
  private volatile boolean hang;
  final AtomicInteger requests = new AtomicInteger();

  JwksServer(Vertx vertx) {
    server =
        TestNode.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    r -> {
                      requests.incrementAndGet();
                      if (!hang) {
                        r.response().putHeader("Content-Type", "application/json").end(document);
                      }
                    })
                .listen(0, "127.0.0.1"));
  }

  /** Serves {@code keys} as {@code {"keys":[...]}} from now on. */
  JwksServer serve(JsonObject... keys) {
    return serveRaw(new JsonObject().put("keys", new JsonArray(List.of((Object[]) keys))).encode());
  }

  /** Serves {@code body} as it is from now on. */
  JwksServer serveRaw(String body) {
    document = body;
    hang = false;
    return this;
  }

  /** Receives requests from now on but never answers them. */
  JwksServer hang() {
    hang = true;
    return this;
  }

  /** The URL of the document ({@code http://127.0.0.1:port/jwks.json}). */
  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/jwks.json";
  }

  @Override
  public void close() {
    TestNode.await(server.close());
  }
}
