package io.switchboard.agent;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The customer's local HTTP service behind the agent: {@code /echo} answers with what it got as
 * JSON, {@code /text} plain text, {@code /status/<n>} that status, {@code /broken-json} invalid
 * JSON labelled JSON, {@code /big?n=} n bytes with a length, {@code /chunked?n=} n bytes chunked,
 * {@code /slow} never, {@code /hold} when the test releases it.
 */
final class StubService implements AutoCloseable {
  final BlockingQueue<HttpServerRequest> held = new LinkedBlockingQueue<>();
  private final HttpServer server;

  private StubService(HttpServer server) {
    this.server = server;
  }

  static StubService start(Vertx vertx) {
    StubService[] self = new StubService[1];
    HttpServer server =
        StubGateway.await(
            vertx
                .createHttpServer()
                .requestHandler(req -> self[0].handle(req))
                .listen(0, "127.0.0.1"));
    self[0] = new StubService(server);
    return self[0];
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers every held request 200 {"released": true}. */
  void releaseHeld() {
    HttpServerRequest req;
    while ((req = held.poll()) != null) {
      req.response()
          .putHeader("content-type", "application/json")
          .end(new JsonObject().put("released", true).encode());
    }
  }

  @Override
  public void close() {
    StubGateway.await(server.close());
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.contains("/echo")) {
      req.body()
          .onSuccess(
              body -> {
                JsonObject headers = new JsonObject();
                for (Map.Entry<String, String> h : req.headers()) {
                  headers.put(h.getKey().toLowerCase(), h.getValue());
                }
                req.response()
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("x-upstream", "echo")
                    .putHeader("connection", "keep-alive")
                    .end(
                        new JsonObject()
                            .put("method", req.method().name())
                            .put("path", path)
                            .put("query", req.query())
                            .put("headers", headers)
                            .put("body", body.toString())
                            .encode());
              });
    } else if (path.equals("/text")) {
      req.response().putHeader("content-type", "text/plain").end("plain text");
    } else if (path.startsWith("/status/")) {
      int status = Integer.parseInt(path.substring("/status/".length()));
      req.response()
          .setStatusCode(status)
          .putHeader("content-type", "text/plain")
          .end("s" + status);
    } else if (path.equals("/broken-json")) {
      req.response().putHeader("content-type", "application/json").end("{nope");
    } else if (path.equals("/big")) {
      req.response().end("x".repeat(Integer.parseInt(req.getParam("n"))));
    } else if (path.equals("/chunked")) {
      int n = Integer.parseInt(req.getParam("n"));
      req.response().setChunked(true);
      for (int i = 0; i < n; i += 100) {
        req.response().write("x".repeat(Math.min(100, n - i)));
      }
      req.response().end();
    } else if (path.equals("/hold")) {
      held.add(req);
    } else if (!path.equals("/slow")) {
      req.response().setStatusCode(404).end();
    }
  }
}
