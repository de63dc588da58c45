package io.switchboard.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request id follows its request through asynchronous hops (SPEC C5; issue 11 point 2: "present
 * in every log line of the request"): read on the event loop, on a worker thread and after a timer,
 * it is the id the request came with, and two concurrent requests never see each other's.
 */
class RequestIdsIT {

  /** A capability with a route that reports {@link RequestIds#current()} at three points. */
  static final class Hops implements Capability {
    @Override
    public Future<Void> start(CapabilityContext node) {
      node.router()
          .get("/api/v1/test/hops")
          .handler(
              rc -> {
                JsonObject seen = new JsonObject().put("loop", RequestIds.current());
                node.vertx()
                    .executeBlocking(RequestIds::current)
                    .compose(
                        worker -> {
                          seen.put("worker", worker);
                          Promise<String> later = Promise.promise();
                          node.vertx().setTimer(20, t -> later.complete(RequestIds.current()));
                          return later.future();
                        })
                    .onSuccess(timer -> rc.json(seen.put("timer", timer)));
              });
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      return Future.succeededFuture();
    }
  }

  @Test
  void theIdFollowsItsRequestOnWorkersAndTimers() {
    try (TestNode node = TestNode.start(MemoryEngine.ports(), c -> c, List.of(new Hops()))) {
      WebClient http = WebClient.create(node.vertx);
      Future<HttpResponse<io.vertx.core.buffer.Buffer>> a =
          http.get(node.port(), "127.0.0.1", "/api/v1/test/hops")
              .putHeader("X-Request-Id", "req-a")
              .send();
      Future<HttpResponse<io.vertx.core.buffer.Buffer>> b =
          http.get(node.port(), "127.0.0.1", "/api/v1/test/hops")
              .putHeader("X-Request-Id", "req-b")
              .send();
      for (var pair : List.of(List.of(a, "req-a"), List.of(b, "req-b"))) {
        @SuppressWarnings("unchecked")
        JsonObject seen =
            TestNode.await((Future<HttpResponse<io.vertx.core.buffer.Buffer>>) pair.get(0))
                .bodyAsJsonObject();
        String id = (String) pair.get(1);
        assertThat(seen.getString("loop")).isEqualTo(id);
        assertThat(seen.getString("worker")).isEqualTo(id);
        assertThat(seen.getString("timer")).isEqualTo(id);
      }
      http.close();
    }
  }

  @Test
  void outsideARequestThereIsNone() {
    assertThat(RequestIds.current()).isNull();
  }
}
