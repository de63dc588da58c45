package io.switchboard.workers.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the gateway's {@code POST /api/v1/workflow/step-completed} (seed 002):
 * records every request and answers the statuses queued with {@link #answer}, then 200 {@code
 * {success: true, message}}; between {@link #hold} and {@link #release} answers wait.
 */
public final class GatewayStub {
  /**
   * One request as received.
   *
   * @param path the request path
   * @param apiKey the {@code X-API-Key} header, or null
   * @param body the JSON body
   */
  public record Request(String path, String apiKey, JsonObject body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>(); // guarded by itself
  private final List<Runnable> held = new ArrayList<>(); // guarded by itself
  private boolean holding; // guarded by held

  private GatewayStub(Vertx vertx) {
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              requests.add(
                                  new Request(
                                      req.path(), req.getHeader("X-API-Key"), b.toJsonObject()));
                              int status;
                              synchronized (statuses) {
                                Integer next = statuses.poll();
                                status = next == null ? 200 : next;
                              }
                              JsonObject reply =
                                  status == 200
                                      ? new JsonObject()
                                          .put("success", true)
                                          .put("message", "step completed")
                                      : new JsonObject()
                                          .put("error", "stub")
                                          .put("message", "stub answer " + status);
                              Runnable answer =
                                  () ->
                                      req.response()
                                          .setStatusCode(status)
                                          .putHeader("content-type", "application/json")
                                          .end(reply.encode());
                              Context context = Vertx.currentContext();
                              synchronized (held) {
                                if (holding) {
                                  held.add(() -> context.runOnContext(v -> answer.run()));
                                  return;
                                }
                              }
                              answer.run();
                            }));
  }

  /** Starts a stub on a free local port. */
  public static Future<GatewayStub> start(Vertx vertx) {
    GatewayStub stub = new GatewayStub(vertx);
    return stub.server.listen(0, "127.0.0.1").map(s -> stub);
  }

  /** Queues the statuses of the next answers, in order (then 200 again). */
  public void answer(int... next) {
    synchronized (statuses) {
      for (int s : next) {
        statuses.add(s);
      }
    }
  }

  /** From now on, records requests but leaves them unanswered until {@link #release}. */
  public void hold() {
    synchronized (held) {
      holding = true;
    }
  }

  /** Answers the held requests, in arrival order, and answers at once again from now on. */
  public void release() {
    List<Runnable> todo;
    synchronized (held) {
      holding = false;
      todo = List.copyOf(held);
      held.clear();
    }
    todo.forEach(Runnable::run);
  }

  /** The requests so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The stub's base URL, {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** Stops listening. */
  public Future<Void> close() {
    return server.close();
  }
}
