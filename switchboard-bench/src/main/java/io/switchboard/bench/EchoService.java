package io.switchboard.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.CountDownLatch;

/**
 * The local HTTP service of the tunnel benchmark (issue 10 point 7): {@code POST /echo} answers 200
 * with the request body as JSON, {@code GET /count} the number of requests it served. One event
 * loop, its own process, so the agent and the benchmark call the same service.
 *
 * <p>{@code java -cp switchboard-bench.jar io.switchboard.bench.EchoService <port>}
 */
public final class EchoService {
  private EchoService() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    vertx
        .createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(
            req -> {
              if ("/count".equals(req.path())) {
                req.response().end(Long.toString(served.get()));
                return;
              }
              req.body()
                  .onSuccess(
                      b -> {
                        served.incrementAndGet();
                        req.response()
                            .putHeader("Content-Type", "application/json")
                            .end(b.length() == 0 ? io.vertx.core.buffer.Buffer.buffer("{}") : b);
                      });
            })
        .listen(port, "127.0.0.1")
        .await();
    Bench.log("echo service on 127.0.0.1:%d", port);
    new CountDownLatch(1).await();
  }
}
